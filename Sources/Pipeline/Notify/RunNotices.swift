import ScoutModel
import Store

/// What a run tells once its site is published: the exceptions to look at (in its summary) and the
/// `notify:` webhooks. Nothing here fails the run: a failed delivery becomes a warning, recorded for
/// the settings page of the next publish.
public enum RunNotices {
    /// Logs the snapshot's exception notes, sends the webhooks, records their failures; returns the warnings.
    public static func afterPublish(store: ScoutStore, config: Config, run: RunSummary, snapshot: FleetSnapshot,
                                    environment: [String: String], log: @Sendable (String) -> Void) -> [ScanWarning] {
        for note in snapshot.exceptionNotes {
            log("Exception to look at: \(note.kind) \(note.subject): \(note.detail) (\(note.source))")
        }
        guard !config.notify.isEmpty else { return [] }
        let deliveries = WebhookNotifier(hooks: config.notify, environment: environment).send(run: run, images: snapshot.images, title: config.title)
        var warnings: [ScanWarning] = []
        var failures: [String: String] = [:]
        for delivery in deliveries {
            if let failure = delivery.failure {
                failures[delivery.webhook] = failure
                warnings.append(ScanWarning(subject: "webhook '\(delivery.webhook)'", message: failure))
                log(failure)
            } else if delivery.findings > 0 {
                log("Notified webhook '\(delivery.webhook)' of \(delivery.findings) finding\(delivery.findings == 1 ? "" : "s")")
            }
        }
        do {
            try store.recordWebhookFailures(runID: run.id, failures)
        } catch {
            warnings.append(ScanWarning(subject: "webhooks", message: error.description))
        }
        return warnings
    }
}
