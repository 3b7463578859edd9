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
    // every port asked of one read of the table: only the listening ones are in the answer
    assertThat(ProcNet.listeningInodes(table, java.util.Set.of(11434, 8080, 9999)))
        .isEqualTo(java.util.Map.of(11434, java.util.Set.of(12345L), 8080, java.util.Set.of(888L)));
  }

  @Test
  void thisHostsOwnListeningSocketIsFoundWithItsProcess() throws Exception {
    try (java.net.ServerSocket held = new java.net.ServerSocket()) {
      held.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
      int taken = held.getLocalPort();
      int free;
      try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
        free = probe.getLocalPort();
      }
      var uses = ProcNet.portUses(java.util.Set.of(taken, free));
      assertThat(uses.get(taken).inUse()).isTrue();
      assertThat(uses.get(taken).pid()).isEqualTo(ProcessHandle.current().pid());
      assertThat(uses.get(free).inUse()).isFalse();
      assertThat(ProcNet.portUse(taken)).isEqualTo(uses.get(taken));
    }
  }
}
