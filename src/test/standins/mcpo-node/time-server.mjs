// Stand-in for mcp-server-time (Python, run by uvx in the real mcpo image, which cannot be
// installed here): the same two tools, on the official MCP SDK over stdio.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { ListToolsRequestSchema, CallToolRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const zone = process.env.LOCAL_TIMEZONE || Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
const at = (tz, date = new Date()) => ({
  timezone: tz,
  datetime: new Intl.DateTimeFormat("sv-SE", { timeZone: tz, dateStyle: "short", timeStyle: "medium" })
    .format(date).replace(" ", "T"),
});
const server = new Server({ name: "mcp-time", version: "0.6.2" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [
    { name: "get_current_time", description: "Get current time in a specific timezone",
      inputSchema: { type: "object", properties: { timezone: { type: "string" } }, required: ["timezone"] } },
    { name: "convert_time", description: "Convert time between timezones",
      inputSchema: { type: "object", properties: { source_timezone: { type: "string" }, time: { type: "string" },
        target_timezone: { type: "string" } }, required: ["source_timezone", "time", "target_timezone"] } },
  ],
}));
server.setRequestHandler(CallToolRequestSchema, async (req) => {
  const a = req.params.arguments || {};
  try {
    const result = req.params.name === "get_current_time"
      ? at(a.timezone || zone)
      : { source: { timezone: a.source_timezone, time: a.time }, target: at(a.target_timezone) };
    return { content: [{ type: "text", text: JSON.stringify(result) }] };
  } catch (e) {
    return { isError: true, content: [{ type: "text", text: String(e.message || e) }] };
  }
});
await server.connect(new StdioServerTransport());
