# Prints the names of the servers in an mcpo config: the keys of the top-level "mcpServers"
# object, one per line. A small JSON tokenizer (strings with escapes, nesting), so pretty-printed
# and compact documents both work; the document is assumed to be valid JSON.
{ doc = doc $0 "\n" }
END {
  n = length(doc); depth = 0; instr = 0; esc = 0; keyish = 0; want = 0; servers = 0
  for (i = 1; i <= n; i++) {
    c = substr(doc, i, 1)
    if (instr) {
      if (esc) { esc = 0; str = str c }
      else if (c == "\\") { esc = 1 }
      else if (c == "\"") { instr = 0; last = str; keyish = 1 }
      else { str = str c }
      continue
    }
    if (c == " " || c == "\t" || c == "\n" || c == "\r") continue
    if (c == "\"") { instr = 1; str = ""; continue }
    if (c == ":") {
      if (keyish && depth == 1 && last == "mcpServers") want = 1
      else if (keyish && servers && depth == servers) print last
      keyish = 0
      continue
    }
    if (c == "{" || c == "[") {
      depth++
      if (want && c == "{") servers = depth
      want = 0; keyish = 0
      continue
    }
    if (c == "}" || c == "]") {
      if (servers == depth) servers = 0
      depth--; keyish = 0; want = 0
      continue
    }
    keyish = 0; want = 0
  }
}
