import ArgumentParser
import Registry

/// A command that works on one province's registry: `global` holds the options of contract
/// §2, and `open()` is the one way such a command starts (the printer `--lang` and `--json`
/// chose, and the registry, opened and checked to be migrated).
protocol RegistryCommand: ParsableCommand {
    var global: GlobalOptions { get }
}

extension RegistryCommand {
    /// The printer, and the registry: a refused connection is 69 and an old schema 69
    /// (contract §3), both before anything is read.
    func open() throws(RegistryError) -> (Printer, RegistrySession) {
        (global.printer, try global.openRegistry())
    }
}

/// A command that changes the registry: who changes it and why come with it (contract §2),
/// through `write`.
protocol WritingCommand: RegistryCommand {
    associatedtype Change: ChangeOptions
    var write: Change { get }
}

extension WritingCommand {
    /// Who and why are checked before anything else is tried (a bad `--actor` is 65 even with
    /// no database), then the registry is opened as `open()` does.
    func openForWriting() throws(RegistryError) -> (Printer, RegistrySession, ChangeContext) {
        let context = try write.context()
        return (global.printer, try global.openRegistry(), context)
    }
}
