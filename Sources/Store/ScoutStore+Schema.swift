import GRDB

extension ScoutStore {
    /// Migrations are append-only: never change one that has shipped, add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE repositories (
                    name TEXT PRIMARY KEY NOT NULL,
                    enabled INTEGER NOT NULL,
                    source TEXT NOT NULL,
                    inConfig INTEGER NOT NULL DEFAULT 1,
                    lastAnalysed TEXT
                );
                CREATE TABLE repositoryWarnings (
                    repository TEXT NOT NULL REFERENCES repositories(name) ON DELETE CASCADE,
                    subject TEXT NOT NULL,
                    message TEXT NOT NULL
                );
                CREATE TABLE images (
                    digest TEXT PRIMARY KEY NOT NULL,
                    metadata TEXT NOT NULL,
                    os TEXT,
                    warnings TEXT NOT NULL,
                    source TEXT NOT NULL,
                    firstSeen TEXT NOT NULL
                );
                CREATE TABLE packages (
                    imageDigest TEXT NOT NULL REFERENCES images(digest) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    type TEXT NOT NULL,
                    name TEXT NOT NULL,
                    version TEXT NOT NULL,
                    sourceName TEXT,
                    sourceVersion TEXT,
                    purl TEXT NOT NULL,
                    licenses TEXT NOT NULL,
                    layerDiffID TEXT,
                    locations TEXT NOT NULL,
                    cataloger TEXT NOT NULL,
                    architecture TEXT,
                    PRIMARY KEY (imageDigest, position)
                );
                CREATE INDEX packages_by_name ON packages(type, name);
                CREATE TABLE tags (
                    repository TEXT NOT NULL,
                    tag TEXT NOT NULL,
                    digest TEXT NOT NULL REFERENCES images(digest),
                    source TEXT NOT NULL,
                    updatedAt TEXT NOT NULL,
                    PRIMARY KEY (repository, tag)
                );
                CREATE INDEX tags_by_digest ON tags(digest);
                CREATE TABLE advisorySources (
                    name TEXT PRIMARY KEY NOT NULL,
                    format TEXT NOT NULL,
                    location TEXT NOT NULL,
                    records INTEGER NOT NULL,
                    importedAt TEXT,
                    warnings TEXT NOT NULL
                );
                CREATE TABLE advisories (
                    source TEXT NOT NULL REFERENCES advisorySources(name) ON DELETE CASCADE,
                    id TEXT NOT NULL,
                    record TEXT NOT NULL,
                    PRIMARY KEY (source, id)
                );
                CREATE TABLE cvss (
                    source TEXT NOT NULL REFERENCES advisorySources(name) ON DELETE CASCADE,
                    vulnerabilityID TEXT NOT NULL,
                    vector TEXT NOT NULL,
                    score REAL NOT NULL,
                    scorer TEXT NOT NULL,
                    isPrimary INTEGER NOT NULL,
                    description TEXT
                );
                CREATE INDEX cvss_by_id ON cvss(vulnerabilityID);
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    startedAt TEXT NOT NULL,
                    finishedAt TEXT,
                    advisorySnapshot TEXT NOT NULL,
                    imagesEvaluated INTEGER NOT NULL,
                    critical INTEGER NOT NULL,
                    high INTEGER NOT NULL,
                    medium INTEGER NOT NULL,
                    low INTEGER NOT NULL,
                    unspecified INTEGER NOT NULL,
                    newFindings INTEGER NOT NULL,
                    fixedFindings INTEGER NOT NULL
                );
                CREATE TABLE findings (
                    runID INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    imageDigest TEXT NOT NULL,
                    findingKey TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    firstSeen TEXT NOT NULL,
                    record TEXT NOT NULL,
                    PRIMARY KEY (runID, imageDigest, findingKey)
                );
                CREATE TABLE evaluationWarnings (
                    runID INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    imageDigest TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    message TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2-base") { db in
            try ScoutStore.registerBaseMigration(db)
        }
        migrator.registerMigration("v2-registry", migrate: migrateRegistry)
        registerFeedsMigration(&migrator)
        registerIncompleteImagesMigration(&migrator)
        registerInImageVEXMigration(&migrator)
        registerCVSSPublishedMigration(&migrator)
        registerWebhookFailuresMigration(&migrator)
        registerFindingIntervalsMigration(&migrator)
        registerMatchKeysMigration(&migrator)
        return migrator
    }
}
