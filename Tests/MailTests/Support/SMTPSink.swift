import Foundation
import Glibc
import XCTest

/// A real SMTP server for the tests: aiosmtpd's Maildir handler on 127.0.0.1, started in
/// a temporary folder and stopped by its Process (PID) at the end.
///
/// Recipients at `nobody@` get `550` and at `busy@` get `451`, to test error mapping.
final class SMTPSink {
    let port: Int
    let folder: URL
    var maildir: URL { folder.appendingPathComponent("maildir") }
    private let process: Process

    private static let handler = """
        from aiosmtpd.handlers import Mailbox

        class RejectingMailbox(Mailbox):
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if address.startswith('nobody@'):
                    return '550 5.1.1 No such user here'
                if address.startswith('busy@'):
                    return '451 4.3.0 Try again later'
                envelope.rcpt_tos.append(address)
                return '250 OK'
        """

    /// Starts the server and waits until it accepts connections (skips without aiosmtpd).
    init() throws {
        try Python.require(module: "aiosmtpd")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("mail-sink-\(UUID().uuidString)")
        let maildir = folder.appendingPathComponent("maildir")
        for sub in ["tmp", "new", "cur"] {
            try FileManager.default.createDirectory(
                at: maildir.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        try Self.handler.write(
            to: folder.appendingPathComponent("rejecting_sink.py"), atomically: true, encoding: .utf8)
        port = Self.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "rejecting_sink.RejectingMailbox",
            maildir.path,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONPATH"] = folder.path
        process.environment = environment
        let log = folder.appendingPathComponent("sink.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()
        let deadline = Date().addingTimeInterval(15)
        while !Self.accepts(port: port) {
            guard process.isRunning, Date() < deadline else {
                stop()
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                throw XCTSkip("the aiosmtpd sink did not start: \(text)")
            }
            usleep(50_000)
        }
    }

    /// Terminates the server (by its PID) and removes the folder.
    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Paths of the messages delivered so far.
    func deliveredFiles() -> [String] {
        let new = maildir.appendingPathComponent("new")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: new.path)) ?? []
        return names.sorted().map { new.appendingPathComponent($0).path }
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago (nothing listens on it now).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length)
                return getsockname(fd, pointer, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A socket listening on 127.0.0.1 that never accepts, so a client connects but hears
    /// nothing; returns the descriptor (close it when done) and the port.
    static func silentListener() -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length)
                return getsockname(fd, pointer, &length)
            }
        }
        listen(fd, 4)
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    private static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result == 0
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
