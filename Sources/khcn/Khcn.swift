import ArgumentParser
import Foundation
import Registry

/// `khcn`: the science and technology registry of a Vietnamese provincial Department of S&T.
@main
struct Khcn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "khcn",
        abstract: words("Sổ đăng ký khoa học và công nghệ của tỉnh.", "The province's science and technology registry."),
        discussion: HelpText.root,
        subcommands: [
            DB.self, EnterpriseCommand.self, CertificateCommand.self, FundCommand.self, IPCommand.self, GICommand.self,
            ImportCommand.self, HistoryCommand.self, ExportCommand.self, TargetsCommand.self, ProgressCommand.self, ReportCommand.self,
            ProvinceCommand.self,
            UserCommand.self,
            AuditCommand.self, PersonCommand.self,
            WatchCommand.self, RulesCommand.self,
        ])

    /// Parses, runs, and turns every failure into the contract's exit code (§3) and, with
    /// `--json`, the error object (§2), including for arguments that do not parse.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let printer = Printer.forRawArguments(arguments)
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            try requireOutputWritten()
        } catch let error as RegistryError {
            printer.fail(error)
        } catch let code as ExitCode {
            // The command already printed its outcome (an import report with errors).
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // A help screen (`--help`, `khcn help …`, a command group named alone).
                print(ParserWords.localised(fullMessage(for: error)))
                Foundation.exit(0)
            }
            if code.rawValue == ExitCode.validationFailure.rawValue {
                if let unknown = ParserWords.unknownCommand(in: arguments) { printer.fail(unknown) }
                var message = fullMessage(for: error)
                if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
                printer.fail(RegistryError(.usage, type: "usage-error", vi: ParserWords.vietnamese(message), en: message))
            }
            printer.fail(RegistryError(
                .bug, type: "internal-error",
                vi: "Lỗi không mong đợi (lỗi phần mềm): \(error)", en: "Unexpected failure (a bug): \(error)"))
        }
    }
}

/// What a command printed reached standard output: on a full disk (or any write error) the
/// output is cut, and a script must not take it for whole (nothing lost: exit 66, like an
/// `--output` that cannot be written). `print` buffers in C's stdio, whose last flush fails
/// when its device does; `StandardOutput` writes itself and keeps its own failure.
func requireOutputWritten() throws(RegistryError) {
    guard fflush(nil) != 0 || StandardOutput.failed else { return }
    throw RegistryError(.inputFile, type: "file-error", field: "stdout",
                        vi: "Không ghi được hết ra đầu ra chuẩn (đĩa đầy?): kết quả bị cắt, đừng dùng.",
                        en: "Could not write all of standard output (disk full?): the output is cut, do not use it.")
}

extension Printer {
    /// The printer a failure needs before (or without) a successful parse.
    static func forRawArguments(_ arguments: [String]) -> Printer {
        Printer(language: Language(arguments: arguments, environment: ProcessInfo.processInfo.environment),
                json: arguments.contains("--json"))
    }
}
