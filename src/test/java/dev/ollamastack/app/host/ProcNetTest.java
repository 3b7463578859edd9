package dev.ollamastack.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcNetTest {
  @Test
  void listeningSocketsByPort() {
    String table =
        """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0100007F:2CAA 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 0000000000000000 100 0 0 10 0
           1: 0100007F:1F90 0100007F:D0F2 01 00000000:00000000 00:00000000 00000000     0        0 777 1
           2: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 888 1
        """;
    assertThat(ProcNet.listeningInodes(table, 11434)).containsExactly(12345L);
    assertThat(ProcNet.listeningInodes(table, 8080)).containsExactly(888L);
    assertThat(ProcNet.listeningInodes(table, 9999)).isEmpty();
  }
}
