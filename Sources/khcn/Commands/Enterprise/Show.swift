import ArgumentParser
import Registry

extension EnterpriseCommand {
    struct Show: RegistryCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: words("Toàn bộ hồ sơ của một doanh nghiệp.", "An enterprise's whole file."),
            discussion: HelpText.enterpriseShow)

        @OptionGroup var enterprise: EnterpriseArgument
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let taxCode = try enterprise.code
            let (out, session) = try openForReading()
            let file = try EnterpriseRegister(session).file(taxCode)
            if out.json {
                out.emit(out.json(file))
            } else {
                out.say(out.card(file))
            }
        }
    }
}
