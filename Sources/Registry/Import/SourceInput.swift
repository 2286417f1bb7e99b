import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The bytes of an imported file as they arrive, from a regular file, a pipe, a FIFO,
/// `<(…)` or standard input (`-`, contract §5). Every read fills its buffer or reaches the
/// end: `read()` on a pipe returns what is there now, not the rest of the input, and a pipe
/// has no size, so nothing here trusts a size to know where the input ends.
final class SourceInput {
    /// Stands for standard input on the command line (contract §5: `khcn import KIND -`).
    static let standardInputName = "-"

    let path: String
    /// The size of a regular file; nil for a pipe, a FIFO or a terminal (no total to show).
    let size: Int?
    private let descriptor: Int32
    private let owned: Bool
    /// Device and inode, to refuse writing the rejects over the file being read.
    let identity: (device: UInt64, inode: UInt64)

    /// Opens the input; a missing file, a directory or an unreadable one is exit 66.
    init(path: String) throws(RegistryError) {
        self.path = path
        if path == SourceInput.standardInputName {
            descriptor = STDIN_FILENO
            owned = false
        } else {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            owned = true
            if descriptor < 0 {
                let code = errno
                if code == ENOENT || code == ENOTDIR {
                    throw RegistryError(.inputFile, type: "file-error", field: "file", value: path,
                                        vi: "Không có tệp \(path).", en: "No such file: \(path).")
                }
                throw SourceInput.unreadable(path, code)
            }
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            if owned { close(descriptor) }
            throw SourceInput.unreadable(path, code)
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            if owned { close(descriptor) }
            throw RegistryError(.inputFile, type: "file-error", field: "file", value: path,
                                vi: "\(path) là một thư mục, không phải tệp CSV.", en: "\(path) is a directory, not a CSV file.")
        }
        size = status.st_mode & S_IFMT == S_IFREG ? Int(status.st_size) : nil
        identity = (UInt64(status.st_dev), UInt64(status.st_ino))
    }

    deinit { if owned { close(descriptor) } }

    /// Whether `path` can be opened again to read the same bytes: a regular file named by its
    /// path, not a pipe and not `-` (even when standard input is redirected from a file).
    var canBeReadAgain: Bool { size != nil && path != SourceInput.standardInputName }

    /// The file name a batch records: the last path component, or `stdin` for `-`.
    var name: String {
        path == SourceInput.standardInputName ? "stdin" : (path as NSString).lastPathComponent
    }

    /// Up to `count` bytes: fewer only at the end of the input (empty: nothing left).
    func read(upTo count: Int) throws(RegistryError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = buffer.withUnsafeMutableBytes { bytes in
                Glibc.read(descriptor, bytes.baseAddress! + filled, count - filled)
            }
            if got > 0 {
                filled += got
            } else if got == 0 {
                break
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN {
                // Standard input left non-blocking by the parent: wait for more.
                var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&waiting, 1, -1)
            } else {
                throw SourceInput.unreadable(path, errno)
            }
        }
        buffer.removeSubrange(filled...)
        return buffer
    }

    private static func unreadable(_ path: String, _ code: Int32) -> RegistryError {
        let reason = String(cString: strerror(code))
        return RegistryError(.inputFile, type: "file-error", field: "file", value: path,
                             vi: "Không đọc được tệp \(path) (\(reason); quyền truy cập?).",
                             en: "Cannot read \(path) (\(reason); permissions?).")
    }
}

/// A copy of input that cannot be read twice (a pipe), kept in a temporary file so that the
/// rejected rows can be written as their original bytes afterwards (contract §6 `--rejects`).
final class SourceSpool {
    let path: String
    private let handle: FileHandle

    init() throws(RegistryError) {
        var template = Array((NSTemporaryDirectory() + "/khcn-import-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw RegistryError(.inputFile, type: "file-error", field: "rejects", value: NSTemporaryDirectory(),
                                vi: "Không tạo được tệp tạm trong \(NSTemporaryDirectory()) để giữ các dòng bị loại.",
                                en: "Cannot create a temporary file in \(NSTemporaryDirectory()) to keep the rejected rows.")
        }
        // mkstemp filled in the X's; the path ends at the NUL terminator.
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    deinit { unlink(path) }

    func append(_ bytes: [UInt8]) throws(RegistryError) {
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw RegistryError(.inputFile, type: "file-error", field: "rejects", value: path,
                                vi: "Không ghi được tệp tạm \(path): \(error.localizedDescription).",
                                en: "Cannot write the temporary file \(path): \(error.localizedDescription).")
        }
    }
}
