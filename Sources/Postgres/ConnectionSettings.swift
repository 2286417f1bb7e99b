import CLibPQ

extension Connection {
    /// The settings this connection was opened with (libpq's `PQconninfo`: host list, port,
    /// database, user, password or passfile, TLS and session options), written back as a
    /// connection string, so that a second connection, opened by another thread (a connection
    /// stays with the thread that opened it), reaches the same server as the same user. It may
    /// hold the password: never print it.
    public var settings: String {
        guard let options = PQconninfo(handle) else { return "" }
        defer { PQconninfoFree(options) }
        var pairs: [String] = []
        var option = options
        while let keyword = Connection.text(option.pointee.keyword) {
            if let value = Connection.text(option.pointee.val), !value.isEmpty {
                pairs.append("\(keyword)=\(Connection.quotedSetting(value))")
            }
            option += 1
        }
        return pairs.joined(separator: " ")
    }

    /// A value as libpq's key=value form reads it: single-quoted, `\` and `'` escaped.
    static func quotedSetting(_ value: String) -> String {
        var quoted = "'"
        for character in value {
            if character == "\\" || character == "'" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "'"
    }
}
