/// The queue's tables, created by append-only migrations: a shipped migration never changes, a new
/// one is added at the end. `schema_migrations` records those applied; every process applies what is
/// missing at connect, one at a time (under a transaction-scoped advisory lock).
enum QueueSchema {
    /// The advisory lock key that serialises migrations (any fixed number the layer keys cannot be).
    static let migrationLock: Int64 = 0x5C07_0001

    static let migrations: [(name: String, sql: String)] = [
        ("v1-jobs", """
            CREATE TABLE queue_jobs (
                id bigserial PRIMARY KEY,
                digest text NOT NULL,
                platform text NOT NULL,
                registry text NOT NULL,
                repository text NOT NULL,
                source text NOT NULL,
                size bigint NOT NULL DEFAULT 0,
                state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed', 'imported')),
                attempts integer NOT NULL DEFAULT 0,
                max_attempts integer NOT NULL,
                not_before timestamptz NOT NULL DEFAULT now(),
                lease_token bigint NOT NULL DEFAULT 0,
                lease_until timestamptz,
                worker text,
                last_error text,
                completions integer NOT NULL DEFAULT 0,
                queued_at timestamptz NOT NULL DEFAULT now(),
                finished_at timestamptz,
                UNIQUE (digest, platform)
            );
            CREATE INDEX queue_jobs_claimable ON queue_jobs (size DESC, id) WHERE state IN ('queued', 'running');
            CREATE TABLE queue_results (
                job_id bigint PRIMARY KEY REFERENCES queue_jobs (id) ON DELETE CASCADE,
                document bytea NOT NULL,
                warnings text NOT NULL
            );
            CREATE TABLE queue_layers (
                diff_id text NOT NULL,
                filter_key text NOT NULL,
                files bytea NOT NULL,
                writes integer NOT NULL DEFAULT 1,
                stored_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (diff_id, filter_key)
            );
            """),
    ]

    /// Applies the migrations `connection`'s database lacks.
    static func migrate(_ connection: PostgresConnection) throws(QueueError) {
        try connection.transaction(operation: "migrate the schema") { () throws(QueueError) in
            try connection.query("SELECT pg_advisory_xact_lock($1)", [.int(migrationLock)], operation: "migrate the schema")
            try connection.query("CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                                 operation: "migrate the schema")
            let applied = Set(try connection.query("SELECT name FROM schema_migrations", operation: "migrate the schema").compactMap { $0.string(0) })
            for migration in migrations where !applied.contains(migration.name) {
                try connection.query(migration.sql, operation: "apply the migration '\(migration.name)'")
                try connection.query("INSERT INTO schema_migrations (name) VALUES ($1)", [.text(migration.name)], operation: "apply the migration '\(migration.name)'")
            }
        }
    }
}
