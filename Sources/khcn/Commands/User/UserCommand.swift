import ArgumentParser
import Foundation
import Registry

/// `khcn user …`: personal logins, their role and their provinces (contract §9).
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: words("Tài khoản đăng nhập: vai trò và các tỉnh được làm việc.", "Logins, roles and provinces."),
        subcommands: [Add.self, List.self, Grant.self, Revoke.self, Disable.self, Enable.self, Password.self])
}

extension UserCommand {
    /// `khcn user grant LOGIN --province CODE`, `khcn user revoke LOGIN --province CODE`: one
    /// command (UserProvinceChange.swift).
    typealias Grant = ProvinceChange<On>
    typealias Revoke = ProvinceChange<Off>
    /// `khcn user disable LOGIN --reason TEXT`, `khcn user enable LOGIN --reason TEXT`: one
    /// command (UserSwitch.swift).
    typealias Disable = LoginSwitch<Off>
    typealias Enable = LoginSwitch<On>
}
