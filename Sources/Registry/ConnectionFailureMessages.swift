import Postgres

extension RegistryError {
    /// A connection that could not be made, told as what actually failed (issue 12) and how to
    /// fix it (contract §3: 69; a connection string that does not parse is a usage error, 64).
    /// libpq's own words follow in brackets, with any password already masked by `Postgres`.
    public static func connectionFailed(_ error: PostgresError) -> RegistryError {
        let said = error.message.firstLine
        let (vi, en): (String, String)
        switch error.failure ?? .other {
        case .badConnectionString:
            return RegistryError(
                .usage, type: "usage-error", field: "database_url",
                vi: "Chuỗi kết nối cơ sở dữ liệu (--database-url hoặc KHCN_DATABASE_URL) không đúng dạng: \(said). Dạng đúng: postgresql://NGƯỜI_DÙNG@MÁY:CỔNG/TÊN_CSDL; mật khẩu để trong ~/.pgpass.",
                en: "The database connection string (--database-url or KHCN_DATABASE_URL) cannot be parsed: \(said). Write it as postgresql://USER@HOST:PORT/DBNAME and keep the password in ~/.pgpass.")
        case .authentication:
            vi = "Máy chủ cơ sở dữ liệu từ chối đăng nhập: sai mật khẩu hoặc thiếu mật khẩu (\(said)). Hãy kiểm tra tên người dùng và mật khẩu (tệp ~/.pgpass hoặc PGPASSFILE); máy chủ vẫn đang chạy, không cần khởi động lại."
            en = "The database server refused the login: wrong or missing password (\(said)). Check the user name and password (~/.pgpass or PGPASSFILE); the server is running, there is no need to start it."
        case .authorization:
            vi = "Máy chủ cơ sở dữ liệu không cho người dùng này đăng nhập: vai trò không tồn tại, không được phép đăng nhập, hoặc pg_hba.conf không có dòng cho phép (\(said)). Hãy hỏi người quản trị cơ sở dữ liệu."
            en = "The database server does not let this user log in: the role does not exist, may not log in, or pg_hba.conf has no line for it (\(said)). Ask the database administrator."
        case .noSuchDatabase:
            vi = "Máy chủ đang chạy nhưng không có cơ sở dữ liệu này (\(said)). Hãy kiểm tra tên cơ sở dữ liệu trong --database-url / KHCN_DATABASE_URL / PGDATABASE, hoặc tạo nó (createdb TÊN) rồi chạy khcn db migrate."
            en = "The server is running but has no such database (\(said)). Check the database name in --database-url / KHCN_DATABASE_URL / PGDATABASE, or create it (createdb NAME) and run khcn db migrate."
        case .serverDown:
            vi = "Không có máy chủ cơ sở dữ liệu nào trả lời ở địa chỉ này (\(said)). Hãy khởi động máy chủ (Scripts/db start) hoặc sửa máy/cổng trong KHCN_DATABASE_URL / --database-url."
            en = "No database server answers at that address (\(said)). Start the server (Scripts/db start) or correct the host/port in KHCN_DATABASE_URL / --database-url."
        case .other:
            vi = "Không kết nối được cơ sở dữ liệu: \(said). Hãy kiểm tra KHCN_DATABASE_URL / --database-url, hoặc hỏi người quản trị cơ sở dữ liệu."
            en = "Cannot connect to the database: \(said). Check KHCN_DATABASE_URL / --database-url, or ask the database administrator."
        }
        return RegistryError(.unavailable, type: "database-unavailable", vi: vi, en: en, sqlstate: error.sqlstate)
    }
}
