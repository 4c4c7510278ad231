import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL 15 server of its own in a temporary folder, on 127.0.0.1 and a free port, with a
/// `scout` user whose password is `secret` (SCRAM). PostgreSQL refuses to run as root, so as root
/// (CI) initdb and pg_ctl run as `nobody` through runuser.
public final class TestPostgres: @unchecked Sendable {
    public static let binaries = "/usr/lib/postgresql/15/bin"
    public static let password = "secret"

    /// Why the tests that need PostgreSQL cannot run here, or nil when they can.
    public static var missing: String? {
        FileManager.default.isExecutableFile(atPath: "\(binaries)/pg_ctl")
            ? nil : "PostgreSQL 15 is not installed (\(binaries)/pg_ctl is missing): run scripts/install-deps.sh test"
    }

    public let folder: URL
    public let port: Int
    private var data: URL { folder.appendingPathComponent("data") }

    /// `postgresql://scout:secret@127.0.0.1:PORT/postgres` (or without the password).
    public func url(withPassword: Bool = true) -> String {
        "postgresql://scout\(withPassword ? ":\(Self.password)" : "")@127.0.0.1:\(port)/postgres"
    }

    public init() throws {
        folder = URL(fileURLWithPath: "/tmp").appendingPathComponent("pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let passwordFile = folder.appendingPathComponent("password")
        try Data(Self.password.utf8).write(to: passwordFile)
        if getuid() == 0 { try Self.command("/bin/chown", ["-R", "nobody", folder.path]) }
        try Self.asServerUser("\(Self.binaries)/initdb", ["-D", folder.appendingPathComponent("data").path, "-U", "scout", "--auth=scram-sha-256",
                                                          "--pwfile=\(passwordFile.path)", "-E", "UTF8", "--no-sync"])
        port = Self.freePort()
        try start()
    }

    /// Starts the server (again, after `stop`), waiting until it accepts connections.
    public func start() throws {
        try Self.asServerUser("\(Self.binaries)/pg_ctl", [
            "-D", data.path, "-l", folder.appendingPathComponent("log").path, "-w", "-t", "60",
            "-o", "-p \(port) -k \(folder.path) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start",
        ])
    }

    /// Stops the server: `immediate` drops every connection at once, as a crash or failover would.
    public func stop(immediate: Bool = false) {
        _ = try? Self.asServerUser("\(Self.binaries)/pg_ctl", ["-D", data.path, "-m", immediate ? "immediate" : "fast", "-w", "stop"])
    }

    /// Stops the server and removes its folder.
    public func remove() {
        stop(immediate: true)
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs `sql` through psql and returns its unaligned output (for checks from outside the code under test).
    public func psql(_ sql: String) throws -> String {
        let output = try Self.command("/usr/bin/env", ["PGPASSWORD=\(Self.password)", "\(Self.binaries)/psql", "-X", "-q", "-A", "-t",
                                                       "-h", "127.0.0.1", "-p", String(port), "-U", "scout", "-d", "postgres", "-c", sql])
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func asServerUser(_ executable: String, _ arguments: [String]) throws {
        if getuid() == 0 {
            try command("/usr/sbin/runuser", ["-u", "nobody", "--", executable] + arguments)
        } else {
            try command(executable, arguments)
        }
    }

    /// Runs a command to its end with posix_spawn and waitpid (Foundation's `Process` can miss the exit
    /// of `runuser` while the server it started lives on), its output captured in a file.
    @discardableResult
    private static func command(_ executable: String, _ arguments: [String]) throws -> Data {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("pg-command-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw TestPostgresError(message: "\(executable) could not be started: \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let data = (try? Data(contentsOf: output)) ?? Data()
        // WIFEXITED and WEXITSTATUS by hand: Glibc's macros are not imported.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw TestPostgresError(message: "\(executable) \(arguments.joined(separator: " ")) failed: \(String(decoding: data, as: UTF8.self))")
        }
        return data
    }

    private static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

public struct TestPostgresError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
