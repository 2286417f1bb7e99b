import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a connection could not be made, so that a person is told what actually failed
/// (issue 12: a wrong password is not "start the server").
///
/// libpq reports a failed connection attempt as text only (there is no result, so no
/// SQLSTATE field); the server's FATAL message and libpq's own socket errors are matched
/// here, in one place, and given the SQLSTATE the server would have used.
public enum ConnectionFailure: Sendable, Equatable {
    /// Wrong or missing password (28P01 invalid_password).
    case authentication
    /// The role may not log in: unknown role, NOLOGIN, or no pg_hba.conf line (28000).
    case authorization
    /// The server is up but has no database of that name (3D000).
    case noSuchDatabase
    /// Nothing answers at that address: server stopped, wrong host, port or socket (08001).
    case serverDown
    /// The connection string or URL itself cannot be parsed; nothing was attempted.
    case badConnectionString
    /// Anything else libpq refused (TLS, a server starting up, …).
    case other

    /// The SQLSTATE the server uses for this failure, for programs (`--json` `sqlstate`).
    public var sqlstate: String? {
        switch self {
        case .authentication: "28P01"
        case .authorization: "28000"
        case .noSuchDatabase: "3D000"
        case .serverDown: "08001"
        case .badConnectionString, .other: nil
        }
    }

    /// Classifies libpq's message after a failed `PQconnectdb`; `needsPassword` is
    /// `PQconnectionNeedsPassword` (the server asked for a password and none was given).
    static func classify(_ message: String, needsPassword: Bool) -> ConnectionFailure {
        let text = message.lowercased()
        func has(_ phrases: String...) -> Bool { phrases.contains { text.contains($0) } }
        if needsPassword || has("password authentication failed", "no password supplied", "sasl authentication failed") {
            return .authentication
        }
        if has("no pg_hba.conf entry", "is not permitted to log in", "authentication failed for user", "pg_hba.conf rejects")
            || (text.contains("role \"") && text.contains("does not exist")) {
            return .authorization
        }
        if text.contains("database \"") && text.contains("does not exist") { return .noSuchDatabase }
        if has("connection refused", "no such file or directory", "could not translate host name",
               "timeout expired", "network is unreachable", "no route to host", "could not connect to server") {
            return .serverDown
        }
        return .other
    }
}

extension Connection {
    /// Checks that `conninfo` parses before anything is attempted; the message is redacted.
    static func checkParses(_ conninfo: String) throws {
        guard !conninfo.isEmpty else { return }
        var errorMessage: UnsafeMutablePointer<CChar>?
        let options = PQconninfoParse(conninfo, &errorMessage)
        defer {
            if let options { PQconninfoFree(options) }
            if let errorMessage { PQfreemem(errorMessage) }
        }
        guard options == nil else { return }
        let message = errorMessage.map { String(cString: $0) }?.trimmingTrailingNewlines() ?? "invalid connection string"
        throw PostgresError(
            kind: .connection, message: redactingPassword(message, of: conninfo), failure: .badConnectionString)
    }

    /// libpq quotes the offending part of a URL or connection string in its messages, which
    /// may hold the password (contract §2: messages never print a password). Every quoted
    /// fragment that contains it, and any `user:password@` left in the text, is masked.
    static func redactingPassword(_ message: String, of conninfo: String) -> String {
        var text = message
        for password in passwords(in: conninfo) where !password.isEmpty {
            text = maskQuotedFragments(of: text, containing: password)
            if password.count >= 4 { text = text.replacingAll(password, with: "***") }
        }
        return maskUserInfo(text)
    }

    /// The password as written in a URL's user-info or a `password=` keyword (raw and, for a
    /// URL, however much of it is percent-decoded).
    private static func passwords(in conninfo: String) -> [String] {
        var found: [String] = []
        if let scheme = conninfo.firstRange(of: "://") {
            let rest = conninfo[scheme.upperBound...]
            let authority = rest.prefix { $0 != "/" && $0 != "?" }
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                let raw = String(authority[authority.index(after: colon)..<at])
                found.append(raw)
                if let decoded = raw.removingPercentEncodingIfValid, decoded != raw { found.append(decoded) }
            }
            if let query = conninfo.firstRange(of: "password=") {
                found.append(String(conninfo[query.upperBound...].prefix { $0 != "&" }))
            }
        } else if let keyword = conninfo.firstRange(of: "password") {
            let rest = conninfo[keyword.upperBound...].drop { $0 == " " || $0 == "=" }
            let value = rest.first == "'" ? rest.dropFirst().prefix { $0 != "'" } : rest.prefix { $0 != " " }
            found.append(String(value))
        }
        return found
    }

    private static func maskQuotedFragments(of text: String, containing secret: String) -> String {
        var parts = text.split(separator: "\"", omittingEmptySubsequences: false).map(String.init)
        for index in parts.indices where index % 2 == 1 && parts[index].contains(secret) { parts[index] = "…" }
        return parts.joined(separator: "\"")
    }

    /// `scheme://user:secret@` → `scheme://user:***@`, whatever the password was.
    private static func maskUserInfo(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let scheme = rest.firstRange(of: "://") {
            result += rest[..<scheme.upperBound]
            rest = rest[scheme.upperBound...]
            let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != " " && $0 != "\"" }
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                result += rest[...colon] + "***"
                rest = rest[at...]
            }
        }
        return result + rest
    }
}

private extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    /// Percent-decoding without Foundation (the Postgres module does not import it).
    var removingPercentEncodingIfValid: String? {
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
