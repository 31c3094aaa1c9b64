package dev.jitterbug.testing;

/**
 * The ejabberd.yml of a test node: what the Prosody fixture enables, in ejabberd's words. WebSocket, BOSH and the
 * admin API on one loopback HTTP port; SCRAM-SHA-256 stored keys; XEP-0198 with resumption; MAM for accounts and
 * rooms; roster versioning; carbons, CSI, PEP bookmarks. No offline storage (the archive is the catch-up, as on the
 * Prosody fixture) and no TLS (loopback only).
 */
final class EjabberdConfig {
    private EjabberdConfig() {
    }

    /**
     * @param sqliteDatabase where accounts, rosters, archives, rooms and PEP live (SQLite, written through at once),
     *     or null for ejabberd's default Mnesia store, which cluster nodes share. Mnesia logs writes lazily: a roster
     *     item added a moment before a {@code kill -9} was gone after the restart, reproducibly, and kept when the
     *     kill came 3 s later ({@code ReconnectCostTest}); production deployments use SQL.
     */
    static String yaml(int httpPort, java.nio.file.Path sqliteDatabase) {
        // -Dejabberd.debug=true logs every stanza, for diagnosing a protocol problem.
        String level = Boolean.getBoolean("ejabberd.debug") ? "debug" : "info";
        return String.join("\n",
                "hosts: [" + XmppTestServer.DOMAIN + "]",
                "loglevel: " + level,
                sqliteDatabase == null ? "auth_method: internal"
                        : "auth_method: sql\nsql_type: sqlite\nsql_database: \"" + sqliteDatabase + "\"\n"
                        + "default_db: sql\nnew_sql_schema: false",
                "auth_password_format: scram",
                "auth_scram_hash: sha256",
                "acl:",
                "  local: {user_regexp: \"\"}",
                "access_rules:",
                "  local: {allow: local}",
                "  c2s: {allow: all}",
                "api_permissions:",
                "  \"test accounts\": {from: [mod_http_api], who: {ip: 127.0.0.1/8}, what: [register, "
                        + "registered_users, list_cluster, connected_users_info]}",
                "listen:",
                "  - port: " + httpPort,
                "    ip: \"127.0.0.1\"",
                "    module: ejabberd_http",
                "    request_handlers:",
                "      /http-bind: mod_bosh",
                "      /xmpp-websocket: ejabberd_http_ws",
                "      /api: mod_http_api",
                "modules:",
                "  mod_admin_extra: {}",
                "  mod_bosh: {max_inactivity: 60}",
                "  mod_caps: {}",
                "  mod_carboncopy: {}",
                "  mod_client_state: {}",
                "  mod_disco: {}",
                "  mod_http_api: {}",
                "  mod_mam: {default: always}",
                "  mod_muc:",
                "    host: " + XmppTestServer.MUC_DOMAIN,
                "    access_create: local",
                "    default_room_options: {mam: true}",
                "  mod_ping: {}",
                "  mod_private: {}",
                "  mod_pubsub: {plugins: [flat, pep]}",
                "  mod_roster: {versioning: true}",
                "  mod_stream_mgmt: {resume_timeout: 600}",
                "  mod_time: {}",
                "  mod_version: {}",
                "") + "\n";
    }
}
