/// The shared layer cache: what a layer's wanted files were, by diffID, for every worker.
///
/// A worker that misses a layer takes its session advisory lock (`pg_try_advisory_lock`) before
/// reading it; others that miss it too see the lock taken and wait for the row instead of reading the
/// layer again. The row is written under a transaction-scoped lock on the same key, then the session
/// lock is released. A worker that dies loses its session, and with it the lock.
extension WorkQueue {
    /// The cached files of layer `diffID` for `filterKey`, as `storeLayer` was given them.
    public func layer(diffID: String, filterKey: String) throws(QueueError) -> [UInt8]? {
        try connection.query("SELECT files FROM queue_layers WHERE diff_id = $1 AND filter_key = $2", [.text(diffID), .text(filterKey)],
                             operation: "read the cached layer '\(diffID)'").first?.bytes(0)
    }

    /// Takes the lock on reading `diffID` if no session holds it.
    public func tryLockLayer(diffID: String) throws(QueueError) -> Bool {
        try connection.query("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", [.text(diffID)],
                             operation: "lock the layer '\(diffID)'").first?.bool(0) ?? false
    }

    public func unlockLayer(diffID: String) throws(QueueError) {
        try connection.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [.text(diffID)], operation: "unlock the layer '\(diffID)'")
    }

    /// Keeps a layer's files; `writes` counts how many times a layer was stored (read), so a layer
    /// read twice shows.
    public func storeLayer(diffID: String, filterKey: String, files: [UInt8]) throws(QueueError) {
        let operation = "cache the layer '\(diffID)'"
        try connection.transaction(operation: operation) { () throws(QueueError) in
            try connection.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 1))", [.text(diffID)], operation: operation)
            try connection.query("""
                INSERT INTO queue_layers (diff_id, filter_key, files) VALUES ($1, $2, $3)
                ON CONFLICT (diff_id, filter_key) DO UPDATE SET files = excluded.files, writes = queue_layers.writes + 1, stored_at = now()
                """, [.text(diffID), .text(filterKey), .bytes(files)], operation: operation)
        }
    }

    /// How many times layer `diffID` was stored (0 when never).
    public func layerWrites(diffID: String) throws(QueueError) -> Int {
        try connection.query("SELECT coalesce(sum(writes), 0) FROM queue_layers WHERE diff_id = $1", [.text(diffID)],
                             operation: "count the writes of the layer '\(diffID)'").first?.int(0) ?? 0
    }
}
