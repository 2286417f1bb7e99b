import Postgres

/// Where a session is connected, as `khcn db status` shows it (contract §7: never a password).
public struct ConnectionInfo: Sendable {
    /// libpq's number, e.g. 170002 for 17.2.
    public let serverVersion: Int
    /// A host name, or the socket directory (starting with `/`).
    public let host: String
    public let port: String
    public let database: String
    public let user: String
}

/// The database maintenance `khcn db` does, reached through the session: the CLI never holds
/// a connection of its own (issue 13, Registry is a closed façade).
extension RegistrySession {
    /// The migrator of this session's database and of the `SQL/` folder (`Migrator.locateDirectory`).
    public func migrator() throws(RegistryError) -> Migrator {
        try Migrator(connection: connection, directory: try Migrator.locateDirectory())
    }

    public var connectionInfo: ConnectionInfo {
        ConnectionInfo(serverVersion: connection.serverVersion, host: connection.host, port: connection.port,
                       database: connection.database, user: connection.user)
    }
}
