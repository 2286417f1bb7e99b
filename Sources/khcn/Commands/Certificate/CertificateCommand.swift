import ArgumentParser
import Registry

struct CertificateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate", abstract: words("Giấy chứng nhận doanh nghiệp KH&CN.", "S&T enterprise certificates (giấy chứng nhận doanh nghiệp KH&CN)."),
        subcommands: [Add.self, Amend.self, Revoke.self, List.self])
}
