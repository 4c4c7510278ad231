import Foundation
import GRDB
import ScoutModel

/// The SQLite store: the single source of truth. One facade owning the writer; writes named by intent.
public struct ScoutStore: Sendable {
    public let path: String
    let writer: DatabaseQueue

    /// Opens (creating when needed) the store at `path` and brings its schema up to date.
    public init(path: String) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
        }
        do {
            writer = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator.migrate(writer)
        } catch {
            throw StoreError(operation: "open", path: path, reason: .database(Self.message(error)))
        }
    }

    /// Runs a read, wrapping database errors with the operation's name.
    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(operation: operation, path: path, reason: .database(Self.message(error)))
        }
    }

    /// Runs a write in one transaction: all of it lands or none of it does.
    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(operation: operation, path: path, reason: .database(Self.message(error)))
        }
    }

    /// GRDB's message without the SQL arguments (which could hold data we must not print).
    static func message(_ error: Error) -> String {
        if let error = error as? DatabaseError {
            let text = error.message ?? "SQLite error \(error.resultCode.rawValue)"
            if error.resultCode == .SQLITE_FULL || error.resultCode == .SQLITE_IOERR {
                return text + " (check the free disk space and file-size limits; nothing of this operation was kept)"
            }
            return text
        }
        return String(describing: error)
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws(StoreError) -> String {
        try read("check integrity") { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer" }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?, what: String, operation: String, path: String) throws -> T {
        // Most stored lists (licences, locations, warnings) are empty or plain strings: no decoder needed.
        if text == "[]", let empty = [ScanWarning]() as? T { return empty }
        if T.self == [String].self, let text, let strings = plainStrings(text) as? T { return strings }
        guard let text, let value = try? JSONDecoder().decode(T.self, from: Data(text.utf8)) else {
            throw StoreError(operation: operation, path: path, reason: .corruptRecord(what))
        }
        return value
    }

    /// `["a","b"]` whose only escape is `\/` (`JSONEncoder` escapes every slash), as this store writes
    /// lists of paths and licences; nil for anything else (other escapes, other spacing), which then
    /// goes through `JSONDecoder`.
    static func plainStrings(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { utf8 -> [String]? in
            guard utf8.count >= 2, utf8[0] == UInt8(ascii: "["), utf8[utf8.count - 1] == UInt8(ascii: "]") else { return nil }
            let end = utf8.count - 1
            var position = 1
            if position == end { return [] }
            var result: [String] = []
            var scratch: [UInt8] = []
            while position < end {
                guard utf8[position] == UInt8(ascii: "\"") else { return nil }
                position += 1
                let start = position
                var escaped = false
                while position < end, utf8[position] != UInt8(ascii: "\"") {
                    let byte = utf8[position]
                    if byte < 0x20 { return nil }
                    if byte == UInt8(ascii: "\\") {
                        guard position + 1 < end, utf8[position + 1] == UInt8(ascii: "/") else { return nil }
                        escaped = true
                        position += 1
                    }
                    position += 1
                }
                guard position < end else { return nil }
                let body = UnsafeBufferPointer(rebasing: utf8[start..<position])
                if escaped {
                    scratch.removeAll(keepingCapacity: true)
                    var index = 0
                    while index < body.count {
                        if body[index] == UInt8(ascii: "\\") { index += 1 }
                        scratch.append(body[index])
                        index += 1
                    }
                    result.append(String(decoding: scratch, as: UTF8.self))
                } else {
                    result.append(String(decoding: body, as: UTF8.self))
                }
                position += 1
                if position < end {
                    guard utf8[position] == UInt8(ascii: ","), position + 1 < end else { return nil }
                    position += 1
                }
            }
            return result
        }
    }
}
