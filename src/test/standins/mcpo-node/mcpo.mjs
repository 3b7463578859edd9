// Stand-in for mcpo (open-webui/mcpo) on the official MCP SDK: launches the stdio servers of a
// --config file, connects to streamable-http/sse ones, and serves each as an OpenAPI tool server at
// /<name> (openapi.json, docs, POST /<name>/<tool>) with mcpo's traps: an empty mcpServers exits
// at start, a server that fails is only logged and /docs stays 200, tools need
// "Authorization: Bearer <key>" (401 without, 403 wrong), --hot-reload follows the config's
// directory and keeps the old servers when the new file is bad.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";

const log = (level, msg) =>
  console.error(`${new Date().toISOString().replace("T", " ").slice(0, 23)} - ${level} - ${msg}`);
const opts = { host: "0.0.0.0", port: 8000, apiKey: "", config: "", hotReload: false, strict: false };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const next = () => args[++i];
  if (a === "--help") { console.log("Usage: mcpo [OPTIONS] [SERVER_COMMAND]..."); process.exit(0); }
  else if (a === "--host" || a === "-h") opts.host = next();
  else if (a === "--port" || a === "-p") opts.port = Number(next());
  else if (a === "--api-key" || a === "-k") opts.apiKey = next();
  else if (a === "--config" || a === "-c") opts.config = next();
  else if (a === "--hot-reload") opts.hotReload = true;
  else if (a === "--strict-auth") opts.strict = true;
  else if (a.startsWith("-")) next();
}
if (!opts.config) { log("ERROR", "You must provide either server_command or config."); process.exit(1); }

const servers = new Map(); // name -> {entry, client, tools, error}

function readConfig() {
  const parsed = JSON.parse(fs.readFileSync(opts.config, "utf8"));
  return parsed.mcpServers || {};
}

async function connect(name, entry) {
  const client = new Client({ name: "mcpo", version: "0.0.20" });
  let transport;
  if (entry.command) {
    transport = new StdioClientTransport({
      command: entry.command, args: entry.args || [], env: { ...process.env, ...(entry.env || {}) },
      stderr: "inherit",
    });
  } else if (entry.type === "streamable-http" || entry.type === "streamable_http") {
    transport = new StreamableHTTPClientTransport(new URL(entry.url), { requestInit: { headers: entry.headers || {} } });
  } else {
    transport = new SSEClientTransport(new URL(entry.url), { requestInit: { headers: entry.headers || {} } });
  }
  const timeout = new Promise((_, reject) =>
    setTimeout(() => reject(new Error("timed out")), Number(process.env.CONNECTION_TIMEOUT || 30) * 1000));
  try {
    await Promise.race([client.connect(transport), timeout]);
    const { tools } = await Promise.race([client.listTools(), timeout]);
    servers.set(name, { entry, client, tools });
    log("INFO", `Successfully connected to '${name}' (${tools.length} tools)`);
  } catch (e) {
    servers.set(name, { entry, client: null, tools: [], error: String(e.message || e) });
    log("ERROR", `Failed to connect to: ${name}: ${e.message || e}`);
    try { await client.close(); } catch { /* already gone */ }
  }
}

async function apply(config) {
  for (const [name, s] of [...servers]) {
    if (JSON.stringify(config[name]) !== JSON.stringify(s.entry)) {
      servers.delete(name);
      if (s.client) await s.client.close().catch(() => {});
      log("INFO", `Unmounted '${name}'`);
    }
  }
  await Promise.all(
    Object.entries(config).filter(([n]) => !servers.has(n)).map(([n, e]) => connect(n, e)));
  if (servers.size > 0 && [...servers.values()].every((s) => !s.client)) {
    log("WARNING", "No MCP servers could be reached.");
  }
}

function openapi(name, s) {
  const paths = {};
  for (const t of s.tools) {
    paths[`/${t.name}`] = {
      post: {
        operationId: `tool_${t.name}_post`, summary: t.description || t.name,
        requestBody: { required: true, content: { "application/json": { schema: t.inputSchema } } },
        responses: { 200: { description: "Successful Response" } },
        security: [{ HTTPBearer: [] }],
      },
    };
  }
  return {
    openapi: "3.1.0", info: { title: name, description: `${name} MCP Server`, version: "1.0" },
    servers: [{ url: `/${name}` }], paths,
    components: { securitySchemes: { HTTPBearer: { type: "http", scheme: "bearer" } } },
  };
}

function send(res, status, body, type = "application/json") {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

function authorized(req, res) {
  if (!opts.apiKey) return true;
  const h = req.headers.authorization || "";
  if (!h.startsWith("Bearer ")) { send(res, 401, { detail: "Not authenticated" }); return false; }
  if (h.slice(7) !== opts.apiKey) { send(res, 403, { detail: "Invalid API key" }); return false; }
  return true;
}

async function handle(req, res) {
  const url = new URL(req.url, "http://x");
  const parts = url.pathname.split("/").filter(Boolean);
  log("INFO", `${req.method} ${url.pathname}`);
  if (req.method === "GET" && url.pathname === "/docs") {
    if (opts.strict && !authorized(req, res)) return;
    const links = [...servers.keys()].map((n) => `<a href="/${n}/docs">${n}</a>`).join(" ");
    return send(res, 200, `<html><body>MCP OpenAPI Proxy ${links}</body></html>`, "text/html");
  }
  const s = servers.get(parts[0]);
  if (!s) return send(res, 404, { detail: "Not Found" });
  if (req.method === "GET" && parts[1] === "openapi.json" && parts.length === 2) {
    if (opts.strict && !authorized(req, res)) return;
    return s.client ? send(res, 200, openapi(parts[0], s)) : send(res, 404, { detail: "Not Found" });
  }
  if (req.method === "GET" && parts[1] === "docs") return send(res, 200, "<html>docs</html>", "text/html");
  if (req.method === "POST" && parts.length === 2) {
    if (!authorized(req, res)) return;
    if (!s.client || !s.tools.some((t) => t.name === parts[1])) return send(res, 404, { detail: "Not Found" });
    let body = "";
    for await (const chunk of req) body += chunk;
    try {
      const result = await s.client.callTool({ name: parts[1], arguments: body ? JSON.parse(body) : {} });
      const texts = (result.content || []).filter((c) => c.type === "text").map((c) => {
        try { return JSON.parse(c.text); } catch { return c.text; }
      });
      if (result.isError) return send(res, 500, { detail: texts.length === 1 ? texts[0] : texts });
      return send(res, 200, texts.length === 1 ? texts[0] : texts);
    } catch (e) {
      return send(res, 500, { detail: String(e.message || e) });
    }
  }
  return send(res, 405, { detail: "Method Not Allowed" });
}

let config;
try {
  config = readConfig();
} catch (e) {
  log("ERROR", `Invalid config file ${opts.config}: ${e.message}`);
  process.exit(1);
}
if (Object.keys(config).length === 0) {
  log("ERROR", "No 'mcpServers' found in config file.");
  process.exit(1);
}
log("INFO", `Starting MCP OpenAPI Proxy with config file: ${opts.config}`);
await apply(config);
const server = http.createServer((req, res) => handle(req, res).catch((e) => send(res, 500, { detail: String(e) })));
server.listen(opts.port, opts.host, () => log("INFO", `Uvicorn running on http://${opts.host}:${opts.port}`));

if (opts.hotReload) {
  let timer;
  fs.watch(path.dirname(opts.config), () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      try {
        const next = readConfig();
        log("INFO", "Config file changed, reloading");
        await apply(next);
      } catch (e) {
        log("ERROR", `Reload failed, keeping the previous config: ${e.message}`);
      }
    }, 300);
  });
}
const stop = async () => {
  log("INFO", "Shutting down");
  server.close();
  await Promise.all([...servers.values()].map((s) => s.client && s.client.close().catch(() => {})));
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
