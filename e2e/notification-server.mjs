// A small freedesktop notification server on the session bus, for the
// tests: it owns org.freedesktop.Notifications, as a desktop's notification
// daemon does, and records every Notify call the app makes.
import dbus from "dbus-next";

const NAME = "org.freedesktop.Notifications";
const PATH = "/org/freedesktop/Notifications";
const { Interface } = dbus.interface;

class Notifications extends Interface {
  constructor() {
    super(NAME);
    /** Every Notify call, in order. */
    this.calls = [];
  }

  Notify(appName, replacesId, appIcon, summary, body, actions, hints, expireTimeout) {
    this.calls.push({ appName, replacesId, appIcon, summary, body, actions, hints: Object.keys(hints), expireTimeout, at: new Date() });
    return this.calls.length;
  }

  GetCapabilities() {
    return ["body"];
  }

  GetServerInformation() {
    return ["ketalog-e2e", "Ketalog tests", "1.0", "1.2"];
  }

  CloseNotification() {}
}

Notifications.configureMembers({
  methods: {
    Notify: { inSignature: "susssasa{sv}i", outSignature: "u" },
    GetCapabilities: { inSignature: "", outSignature: "as" },
    GetServerInformation: { inSignature: "", outSignature: "ssss" },
    CloseNotification: { inSignature: "u", outSignature: "" },
  },
});

/**
 * Starts the server on the session bus (DBUS_SESSION_BUS_ADDRESS: the tests
 * run under dbus-run-session). Returns the recorded calls and a stop().
 */
export async function startNotificationServer() {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) throw new Error("no session bus: run the tests under dbus-run-session");
  const bus = dbus.sessionBus();
  const server = new Notifications();
  bus.export(PATH, server);
  const reply = await bus.requestName(NAME, dbus.NameFlag.DO_NOT_QUEUE);
  if (reply !== dbus.RequestNameReply.PRIMARY_OWNER) throw new Error(`${NAME} is taken by another notification server`);
  return {
    calls: server.calls,
    /** Forgets the calls recorded so far. */
    clear() {
      server.calls.length = 0;
    },
    async stop() {
      await bus.releaseName(NAME).catch(() => undefined);
      bus.disconnect();
    },
  };
}
