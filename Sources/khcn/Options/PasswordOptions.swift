import ArgumentParser
import Foundation
import Registry

/// Where a new password comes from: `--password-stdin`, else a no-echo prompt on the
/// terminal. Never a flag value, never echoed, never in a process list (contract §9).
struct PasswordOptions: ParsableArguments {
    @Flag(help: .vi("Đọc mật khẩu từ đầu vào chuẩn (dòng đầu tiên) thay vì hỏi trên terminal.",
                     en: "Read the password from standard input (its first line) instead of prompting."))
    var passwordStdin = false

    func read(_ printer: Printer) throws(RegistryError) -> String {
        if passwordStdin {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            let text = String(decoding: data, as: UTF8.self)
            return String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
        }
        guard let first = TerminalPrompt.secret(printer.text("Mật khẩu: ", "Password: ")) else {
            throw RegistryError(
                .usage, type: "usage-error", field: "password",
                vi: "Không có terminal để nhập mật khẩu; hãy dùng --password-stdin.",
                en: "No terminal to type a password on; use --password-stdin.")
        }
        let second = TerminalPrompt.secret(printer.text("Nhập lại mật khẩu: ", "Repeat the password: "))
        guard first == second else {
            throw RegistryError.invalid("password", nil, vi: "Hai lần nhập mật khẩu không khớp.", en: "The two passwords differ.")
        }
        return first
    }
}

/// Reads a line from the controlling terminal with echo off.
enum TerminalPrompt {
    static func secret(_ prompt: String) -> String? {
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard tty >= 0 else { return nil }
        defer { close(tty) }
        var saved = termios()
        guard tcgetattr(tty, &saved) == 0 else { return nil }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ECHONL)
        _ = prompt.withCString { write(tty, $0, strlen($0)) }
        guard tcsetattr(tty, TCSAFLUSH, &quiet) == 0 else { return nil }
        defer { _ = tcsetattr(tty, TCSAFLUSH, &saved) }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(tty, &byte, 1) == 1, byte != UInt8(ascii: "\n") { bytes.append(byte) }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
    }
}
