import Registry

extension Printer {
    /// `{"login", "full_name", "role", "provinces", "disabled"}` (contract §9).
    func json(_ account: UserAccount) -> JSON {
        .object([
            ("login", .string(account.login)),
            ("full_name", .string(account.fullName)),
            ("role", .string(account.role.rawValue)),
            ("provinces", .array(account.provinces.map(JSON.string))),
            ("disabled", .bool(account.disabled)),
        ])
    }

    func card(_ account: UserAccount) -> String {
        card(text("Tài khoản \(account.login)", "Login \(account.login)"), [
            (text("Họ và tên", "Full name"), account.fullName),
            (text("Vai trò", "Role"), account.role.rawValue),
            (text("Tỉnh", "Provinces"), account.provinces.joined(separator: ", ")),
            (text("Trạng thái", "State"), account.disabled ? text("đã khóa", "disabled") : text("hoạt động", "active")),
        ])
    }

    func table(_ accounts: [UserAccount]) -> String {
        var table = Table([text("Tài khoản", "Login"), text("Họ và tên", "Full name"), text("Vai trò", "Role"),
                           text("Tỉnh", "Provinces"), text("Trạng thái", "State")])
        for account in accounts {
            table.append([account.login, account.fullName, account.role.rawValue, account.provinces.joined(separator: ", "),
                          account.disabled ? text("đã khóa", "disabled") : text("hoạt động", "active")])
        }
        return table.rendered()
    }

    /// Prints a login after a change: the JSON object, or a line and its card.
    func show(_ account: UserAccount, _ vi: String, _ en: String) {
        if json {
            emit(json(account))
        } else {
            say(text(vi, en))
            say(card(account))
        }
    }
}
