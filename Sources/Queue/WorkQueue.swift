import Foundation

/// The PostgreSQL work queue: jobs enqueued by the nightly run, claimed by workers with
/// `FOR UPDATE SKIP LOCKED` (largest first), kept alive by a heartbeat, completed with a fencing token.
///
/// One instance holds one connection; calls are serialised, so threads that each want their own
/// round trips (workers, the heartbeat) open their own instance.
public final class WorkQueue: @unchecked Sendable {
    public let connection: PostgresConnection
    /// Seconds a claim lives without a heartbeat.
    public let lease: TimeInterval

    /// Connects and applies the migrations the database lacks.
    public init(url: String, lease: TimeInterval, reconnectFor: TimeInterval = 120) throws(QueueError) {
        connection = try PostgresConnection(url: url, reconnectFor: reconnectFor)
        self.lease = lease
        try QueueSchema.migrate(connection)
    }

    /// Enqueues `specs` in one transaction and returns their job ids, in order. A digest already
    /// queued, running or done keeps its job; one that failed or was imported before is queued again
    /// with fresh attempts (the store lacks it, so it is wanted again).
    public func enqueue(_ specs: [QueueJobSpec], attempts: Int) throws(QueueError) -> [Int64] {
        let operation = "enqueue \(specs.count) images"
        return try connection.transaction(operation: operation) { () throws(QueueError) -> [Int64] in
            var ids: [Int64] = []
            for spec in specs {
                try connection.query("""
                    INSERT INTO queue_jobs (digest, platform, registry, repository, source, size, max_attempts)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    ON CONFLICT (digest, platform) DO UPDATE SET
                        registry = excluded.registry, repository = excluded.repository, source = excluded.source,
                        size = excluded.size, max_attempts = excluded.max_attempts, state = 'queued', attempts = 0,
                        not_before = now(), queued_at = now(), finished_at = NULL
                    WHERE queue_jobs.state IN ('failed', 'imported')
                    """, [.text(spec.digest), .text(spec.platform), .text(spec.registry), .text(spec.repository),
                          .text(spec.source), .int(spec.size), .int(attempts)], operation: operation)
                let row = try connection.query("SELECT id FROM queue_jobs WHERE digest = $1 AND platform = $2",
                                               [.text(spec.digest), .text(spec.platform)], operation: operation).first
                guard let id = row?.int(0) else {
                    throw QueueError(operation: operation, database: connection.redactedURL, reason: .unexpectedRow("the job of '\(spec.digest)' is missing"))
                }
                ids.append(Int64(id))
            }
            return ids
        }
    }

    /// Claims the largest job that is queued (and past its backoff) or whose lease ran out, for
    /// `worker`; nil when there is none. A job whose lease ran out on its last attempt fails instead.
    public func claim(worker: String) throws(QueueError) -> QueueJob? {
        try connection.query("""
            UPDATE queue_jobs SET state = 'failed', finished_at = now(), lease_until = NULL,
                last_error = 'The worker ' || coalesce(worker, '?') || ' stopped renewing its lease on attempt ' || attempts || ' of ' || max_attempts || '.'
            WHERE state = 'running' AND lease_until < now() AND attempts >= max_attempts
            """, operation: "fail the jobs that ran out of attempts")
        let rows = try connection.query("""
            WITH next AS (
                SELECT id FROM queue_jobs
                WHERE (state = 'queued' AND not_before <= now()) OR (state = 'running' AND lease_until < now())
                ORDER BY size DESC, id
                LIMIT 1
                FOR UPDATE SKIP LOCKED
            )
            UPDATE queue_jobs AS job SET state = 'running', attempts = job.attempts + 1, lease_token = job.lease_token + 1,
                lease_until = now() + make_interval(secs => $1), worker = $2,
                last_error = CASE WHEN job.state = 'running'
                    THEN 'The worker ' || coalesce(job.worker, '?') || ' stopped renewing its lease.' ELSE job.last_error END
            FROM next
            WHERE job.id = next.id AND (job.state = 'queued' OR (job.state = 'running' AND job.lease_until < now()))
            RETURNING job.id, job.digest, job.platform, job.registry, job.repository, job.source, job.size, job.attempts, job.lease_token, job.max_attempts
            """, [.text(String(lease)), .text(worker)], operation: "claim a job")
        guard let row = rows.first else { return nil }
        guard let id = row.int(0), let digest = row.string(1), let platform = row.string(2), let registry = row.string(3),
              let repository = row.string(4), let source = row.string(5), let size = row.int(6), let attempt = row.int(7),
              let token = row.int(8), let maxAttempts = row.int(9) else {
            throw QueueError(operation: "claim a job", database: connection.redactedURL, reason: .unexpectedRow("a claimed job lacks a column"))
        }
        return QueueJob(id: Int64(id), spec: QueueJobSpec(digest: digest, platform: platform, registry: registry, repository: repository,
                                                          source: source, size: Int64(size)),
                        attempt: attempt, maxAttempts: maxAttempts, token: Int64(token))
    }

    /// Extends `job`'s lease; false when the worker no longer holds it (another claimed it since).
    public func renew(_ job: QueueJob) throws(QueueError) -> Bool {
        !(try connection.query("""
            UPDATE queue_jobs SET lease_until = now() + make_interval(secs => $3)
            WHERE id = $1 AND lease_token = $2 AND state = 'running' RETURNING id
            """, [.int(job.id), .int(job.token), .text(String(lease))], operation: "renew the lease of job \(job.id)").isEmpty)
    }

    /// Completes `job` and stores its result in one transaction, if the worker still holds the
    /// job's token; false (and nothing written) when another worker claimed it since.
    public func complete(_ job: QueueJob, document: [UInt8], warnings: String) throws(QueueError) -> Bool {
        let operation = "complete job \(job.id)"
        return try connection.transaction(operation: operation) { () throws(QueueError) -> Bool in
            let fenced = try connection.query("""
                UPDATE queue_jobs SET state = 'done', finished_at = now(), lease_until = NULL, last_error = NULL,
                    completions = completions + 1
                WHERE id = $1 AND lease_token = $2 AND state = 'running' RETURNING id
                """, [.int(job.id), .int(job.token)], operation: operation)
            guard !fenced.isEmpty else { return false }
            try connection.query("""
                INSERT INTO queue_results (job_id, document, warnings) VALUES ($1, $2, $3)
                ON CONFLICT (job_id) DO UPDATE SET document = excluded.document, warnings = excluded.warnings
                """, [.int(job.id), .bytes(document), .text(warnings)], operation: operation)
            return true
        }
    }

    /// Gives `job` back after a failed attempt, with its error: queued again after a backoff
    /// (1 s, 2 s, 4 s … at most 10 min), or failed when it had its last attempt.
    public func fail(_ job: QueueJob, error: String) throws(QueueError) {
        try connection.query("""
            UPDATE queue_jobs SET
                state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
                finished_at = CASE WHEN attempts >= max_attempts THEN now() END,
                last_error = $3, lease_until = NULL,
                not_before = now() + make_interval(secs => least(power(2, attempts - 1), 600))
            WHERE id = $1 AND lease_token = $2 AND state = 'running'
            """, [.int(job.id), .int(job.token), .text(error)], operation: "record the failure of job \(job.id)")
    }

    /// Where the jobs `ids` stand, by id.
    public func statuses(_ ids: [Int64]) throws(QueueError) -> [Int64: QueueJobStatus] {
        guard !ids.isEmpty else { return [:] }
        let rows = try connection.query("""
            SELECT id, state, attempts, last_error, completions FROM queue_jobs WHERE id = ANY($1::bigint[])
            """, [.text("{" + ids.map(String.init).joined(separator: ",") + "}")], operation: "read the state of \(ids.count) jobs")
        var statuses: [Int64: QueueJobStatus] = [:]
        for row in rows {
            guard let id = row.int(0), let state = row.string(1).flatMap(QueueJobStatus.State.init(rawValue:)),
                  let attempts = row.int(2), let completions = row.int(4) else { continue }
            statuses[Int64(id)] = QueueJobStatus(id: Int64(id), state: state, attempts: attempts, lastError: row.string(3), completions: completions)
        }
        return statuses
    }

    /// The result a worker stored for job `id`.
    public func result(of id: Int64) throws(QueueError) -> QueueResult? {
        let row = try connection.query("SELECT document, warnings FROM queue_results WHERE job_id = $1", [.int(id)],
                                       operation: "read the result of job \(id)").first
        guard let row else { return nil }
        guard let document = row.bytes(0) else {
            throw QueueError(operation: "read the result of job \(id)", database: connection.redactedURL, reason: .unexpectedRow("the document is not bytea"))
        }
        return QueueResult(document: document, warnings: row.string(1) ?? "")
    }

    /// Marks job `id` imported into the store and drops its result.
    public func markImported(_ id: Int64) throws(QueueError) {
        try connection.transaction(operation: "mark job \(id) imported") { () throws(QueueError) in
            try connection.query("UPDATE queue_jobs SET state = 'imported' WHERE id = $1 AND state = 'done'", [.int(id)], operation: "mark job \(id) imported")
            try connection.query("DELETE FROM queue_results WHERE job_id = $1", [.int(id)], operation: "mark job \(id) imported")
        }
    }

    /// How many jobs are in each state.
    public func counts() throws(QueueError) -> [QueueJobStatus.State: Int] {
        var counts: [QueueJobStatus.State: Int] = [:]
        for row in try connection.query("SELECT state, count(*) FROM queue_jobs GROUP BY state", operation: "count the jobs") {
            if let state = row.string(0).flatMap(QueueJobStatus.State.init(rawValue:)), let count = row.int(1) { counts[state] = count }
        }
        return counts
    }
}
