import Foundation
import GRDB
import ScoutModel

/// Webhook deliveries that failed after their retries: the settings page of the next publish shows
/// them (the webhook's name and the cause; the URL is never stored).
extension ScoutStore {
    static func registerWebhookFailuresMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-webhook-failures") { db in
            try db.execute(sql: """
                CREATE TABLE webhookFailures (
                    runID INTEGER NOT NULL,
                    webhook TEXT NOT NULL,
                    message TEXT NOT NULL,
                    PRIMARY KEY (runID, webhook)
                )
                """)
        }
    }

    /// Records the deliveries of run `runID` that failed (webhook name → message), replacing what that run recorded.
    public func recordWebhookFailures(runID: Int64, _ failures: [String: String]) throws(StoreError) {
        try write("record the webhook failures of run \(runID)") { db in
            try db.execute(sql: "DELETE FROM webhookFailures WHERE runID = ?", arguments: [runID])
            for (webhook, message) in failures {
                try db.execute(sql: "INSERT INTO webhookFailures (runID, webhook, message) VALUES (?, ?, ?)", arguments: [runID, webhook, message])
            }
        }
    }

    /// The failures of the run before the latest one, by webhook name: a run publishes its site before
    /// it sends, so its own failures are shown by the next publish.
    public func previousRunWebhookFailures() throws(StoreError) -> [ScanWarning] {
        try read("read the webhook failures") { db in
            guard let runID = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM runs WHERE id < (SELECT MAX(id) FROM runs)") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT webhook, message FROM webhookFailures WHERE runID = ? ORDER BY webhook", arguments: [runID]).map {
                ScanWarning(subject: "webhook '\($0["webhook"] as String)' (run \(runID))", message: $0["message"])
            }
        }
    }
}
