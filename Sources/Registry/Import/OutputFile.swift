import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file the command was asked to write (`--report`, `--rejects`), opened before anything is
/// written to the database (contract §6): an unwritable path is exit 66 with nothing changed.
/// The file is emptied only by the first write; one that did not exist and was never written
/// is removed again by `discardIfUnwritten()`, so a failed command leaves no empty file behind.
public final class OutputFile {
    public let path: String
    let identity: (device: UInt64, inode: UInt64)
    private let descriptor: Int32
    private let created: Bool
    private var written = false

    /// `field` names the flag in the error (`report`, `rejects`).
    public init(path: String, field: String) throws(RegistryError) {
        self.path = path
        var descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        created = descriptor >= 0
        if descriptor < 0 && errno == EEXIST {
            descriptor = open(path, O_WRONLY | O_CLOEXEC)
        }
        var status = stat()
        guard descriptor >= 0, fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            if descriptor >= 0 { close(descriptor) }
            throw RegistryError(.inputFile, type: "file-error", field: field, value: path,
                                vi: "Không ghi được tệp \(path) (--\(field)): \(reason). Chưa ghi gì vào sổ đăng ký.",
                                en: "Cannot write \(path) (--\(field)): \(reason). Nothing was changed in the registry.")
        }
        self.descriptor = descriptor
        identity = (UInt64(status.st_dev), UInt64(status.st_ino))
    }

    deinit { close(descriptor) }

    /// Appends `bytes`; the first write empties the file first.
    public func write(_ bytes: [UInt8]) throws(RegistryError) {
        if !written {
            written = true
            if ftruncate(descriptor, 0) != 0 && errno != EINVAL { throw failure(errno) }   // EINVAL: a FIFO or a device
        }
        var offset = 0
        while offset < bytes.count {
            let done = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if done < 0 {
                if errno == EINTR { continue }
                throw failure(errno)
            }
            offset += done
        }
    }

    /// Removes the file if this command created it and wrote nothing to it.
    public func discardIfUnwritten() {
        if created && !written { unlink(path) }
    }

    private func failure(_ code: Int32) -> RegistryError {
        let reason = String(cString: strerror(code))
        return RegistryError(.inputFile, type: "file-error", field: "file", value: path,
                             vi: "Không ghi được tệp \(path): \(reason).", en: "Cannot write \(path): \(reason).")
    }
}
