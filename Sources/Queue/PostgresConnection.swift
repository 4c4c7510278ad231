import CLibpq
import Foundation

/// One libpq connection, used by one caller at a time (calls are serialised).
///
/// Connects from a `postgresql://` URL as libpq does, so the password comes from `PGPASSWORD` or
/// `~/.pgpass` (and the URL's own, which is never printed). Statements take their values as
/// parameters only. When the server goes away (a restart, a failover), the next call reconnects with
/// backoff for up to `reconnectFor` seconds: a single statement is sent again, a transaction is run
/// again from its start.
public final class PostgresConnection: @unchecked Sendable {
    public let url: String
    /// How long a call keeps trying to reconnect before it fails.
    public var reconnectFor: TimeInterval
    private var connection: OpaquePointer?
    private let lock = NSRecursiveLock()
    private var inTransaction = false

    public init(url: String, reconnectFor: TimeInterval = 120) throws(QueueError) {
        self.url = url
        self.reconnectFor = reconnectFor
        connection = try Self.open(url)
    }

    deinit { PQfinish(connection) }

    /// The URL without its password, for messages.
    public var redactedURL: String { Self.redact(url) }

    /// `url` with its password, if it has one, replaced by `…`.
    public static func redact(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "…"
        return parts.string ?? url
    }

    private static func open(_ url: String) throws(QueueError) -> OpaquePointer {
        guard let connection = PQconnectdb(url) else {
            throw QueueError(operation: "connect", database: redact(url), reason: .cannotConnect("libpq could not allocate a connection"))
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.message(connection)
            PQfinish(connection)
            throw QueueError(operation: "connect", database: redact(url), reason: .cannotConnect(message))
        }
        // The server's notices ("already exists, skipping") are not the user's concern: libpq would print them.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        return connection
    }

    private static func message(_ connection: OpaquePointer?) -> String {
        String(cString: PQerrorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs one statement; `$1 … $n` in `sql` are `parameters`. Outside a transaction, a statement that
    /// failed because the connection broke is sent again once reconnected.
    @discardableResult
    public func query(_ sql: String, _ parameters: [PostgresValue] = [], operation: String) throws(QueueError) -> [PostgresRow] {
        lock.lock()
        defer { lock.unlock() }
        if inTransaction { return try execute(sql, parameters, operation: operation) }
        return try retryingAfterReconnect(operation: operation) { () throws(QueueError) in try execute(sql, parameters, operation: operation) }
    }

    /// Runs `body` in one transaction (committed when it returns, rolled back when it throws). When
    /// the connection breaks on the way, the transaction is run again from its start once reconnected.
    public func transaction<T>(operation: String, _ body: () throws(QueueError) -> T) throws(QueueError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try retryingAfterReconnect(operation: operation) { () throws(QueueError) -> T in
            try execute("BEGIN", [], operation: operation)
            inTransaction = true
            defer { inTransaction = false }
            do throws(QueueError) {
                let value = try body()
                try execute("COMMIT", [], operation: operation)
                return value
            } catch {
                if isConnected { _ = try? execute("ROLLBACK", [], operation: operation) }
                throw error
            }
        }
    }

    private var isConnected: Bool { connection != nil && PQstatus(connection) == CONNECTION_OK }

    private func retryingAfterReconnect<T>(operation: String, _ body: () throws(QueueError) -> T) throws(QueueError) -> T {
        let giveUp = Date().addingTimeInterval(reconnectFor)
        var pause = 0.1
        while true {
            do {
                if !isConnected { try reconnect() }
                return try body()
            } catch {
                // A statement error on a live connection is the caller's; a broken connection is retried.
                if isConnected || Date() >= giveUp { throw error }
                Thread.sleep(forTimeInterval: pause)
                pause = min(pause * 2, 2)
            }
        }
    }

    private func reconnect() throws(QueueError) {
        PQfinish(connection)
        connection = nil
        connection = try Self.open(url)
    }

    @discardableResult
    private func execute(_ sql: String, _ parameters: [PostgresValue], operation: String) throws(QueueError) -> [PostgresRow] {
        var buffers: [UnsafeMutablePointer<CChar>?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        defer { for buffer in buffers { buffer?.deallocate() } }
        for parameter in parameters {
            let bytes: [UInt8]?
            switch parameter {
            case .text(let text): bytes = Array(text.utf8)
            case .int(let value): bytes = Array(String(value).utf8)
            case .bytes(let data): bytes = data
            case .null: bytes = nil
            }
            guard let bytes else {
                buffers.append(nil)
                lengths.append(0)
                formats.append(0)
                continue
            }
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            bytes.withUnsafeBufferPointer { source in
                buffer.withMemoryRebound(to: UInt8.self, capacity: bytes.count + 1) { target in
                    if let base = source.baseAddress { target.update(from: base, count: bytes.count) }
                    target[bytes.count] = 0
                }
            }
            buffers.append(buffer)
            lengths.append(Int32(bytes.count))
            if case .bytes = parameter { formats.append(1) } else { formats.append(0) }
        }
        let result: OpaquePointer? = parameters.isEmpty
            ? PQexec(connection, sql)  // no values: a script of several statements (migrations) is allowed
            : buffers.withUnsafeBufferPointer { values in
                values.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: values.count) { pointers in
                    PQexecParams(connection, sql, Int32(parameters.count), nil, pointers, lengths, formats, 0)
                }
            }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let message = result.flatMap { PQresultErrorMessage($0) }.map { String(cString: $0) } ?? Self.message(connection)
            throw QueueError(operation: operation, database: redactedURL,
                             reason: .statement(message.isEmpty ? Self.message(connection) : message.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        var rows: [PostgresRow] = []
        let count = PQntuples(result), columns = PQnfields(result)
        rows.reserveCapacity(Int(count))
        for row in 0..<count {
            var values: [String?] = []
            for column in 0..<columns {
                values.append(PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column)))
            }
            rows.append(PostgresRow(values: values))
        }
        return rows
    }
}
