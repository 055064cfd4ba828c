/**
 * One person's network connection to the app, as an HTTP proxy their browser context goes
 * through, so a test can pull the cable: `cut()` destroys every open TCP connection (the
 * WebSocket among them, which the browser then sees close abnormally, as on a real network
 * drop, and the server sees leave) and refuses new ones until `restore()`.
 *
 * Why not `context.setOffline(true)` alone: Chromium's offline emulation fails new requests but
 * leaves an open WebSocket working, so the editor would stay live. The fixtures use both:
 * setOffline for what the page can observe (navigator.onLine, the offline event), the link for
 * the connection itself.
 *
 * The proxy forwards only to the app's own host and port; anything else Chromium tries (its
 * background services) is refused, as the test machine has no network beyond the app.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** Headers that concern the hop to the proxy, not the request. */
const HOP_BY_HOP = new Set(['proxy-connection', 'proxy-authorization', 'keep-alive', 'connection']);

function forwardable(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

export class NetworkLink {
  private up = true;
  private stalled = false;
  private readonly sockets = new Set<Socket>();
  /** Open CONNECT tunnels (the WebSocket among them): browser side and app side. */
  private readonly tunnels = new Set<{ client: Socket; upstream: Socket }>();

  private constructor(
    private readonly server: Server,
    private readonly target: { hostname: string; port: number },
  ) {}

  /** Starts a link to the app at `appUrl` on a free local port. */
  static async open(appUrl: string): Promise<NetworkLink> {
    const url = new URL(appUrl);
    const target = { hostname: url.hostname, port: Number(url.port || 80) };
    const server = createServer();
    const link = new NetworkLink(server, target);
    server.on('connection', (socket) => link.track(socket));
    server.on('request', (req, res) => {
      const to = new URL(req.url ?? '/', appUrl);
      if (!link.allows(to.hostname, Number(to.port || 80))) {
        res.writeHead(403).end();
        return;
      }
      const upstream = httpRequest(
        {
          hostname: target.hostname,
          port: target.port,
          method: req.method,
          path: to.pathname + to.search,
          headers: forwardable(req.headers),
          agent: false,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('socket', (socket) => link.track(socket));
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    // Chromium tunnels WebSockets (and HTTPS) through CONNECT.
    server.on('connect', (req, client: Socket, head: Buffer) => {
      const [hostname = '', port = ''] = (req.url ?? '').split(':');
      if (!link.allows(hostname, Number(port))) {
        client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      const upstream = connect(target.port, target.hostname, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        const tunnel = { client, upstream };
        link.tunnels.add(tunnel);
        client.on('close', () => link.tunnels.delete(tunnel));
        if (link.stalled) client.pause();
        else client.pipe(upstream);
      });
      link.track(upstream);
      upstream.on('error', () => client.destroy());
      upstream.on('close', () => client.destroy());
      client.on('error', () => upstream.destroy());
      client.on('close', () => upstream.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    return link;
  }

  /** The `proxy` option for `browser.newContext()`. */
  get proxy(): { server: string } {
    const { port } = this.server.address() as AddressInfo;
    return { server: `http://127.0.0.1:${port}` };
  }

  get isUp(): boolean {
    return this.up;
  }

  /** Drops every open connection and refuses new ones. */
  cut(): void {
    this.up = false;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.up = true;
  }

  /**
   * What the browser sends through its tunnels (the WebSocket) stops arriving, as on a
   * congested uplink; the connections stay open and what the app sends still arrives.
   */
  stall(): void {
    this.stalled = true;
    for (const { client, upstream } of this.tunnels) {
      client.unpipe(upstream);
      client.pause();
    }
  }

  /** Lets what was held back through, and everything after it. */
  unstall(): void {
    this.stalled = false;
    for (const { client, upstream } of this.tunnels) client.pipe(upstream);
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private allows(hostname: string, port: number): boolean {
    return this.up && hostname === this.target.hostname && port === this.target.port;
  }

  private track(socket: Socket): void {
    if (!this.up) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }
}
