import Foundation
import Testing

/// Validates a JSON document against one of the schemas in `Tests/Fixtures/reports/schemas` with
/// python3's `jsonschema`; every schema of the folder is registered under its `$id`, so the
/// CycloneDX schema's references to `spdx.schema.json` and `jsf-0.82.schema.json` resolve offline.
/// A missing python3 or jsonschema is a failure, never a skip.
enum SchemaValidation {
    static let script = """
        import json, pathlib, sys
        try:
            import jsonschema
            from referencing import Registry, Resource
            from referencing.jsonschema import DRAFT7
        except ImportError:
            print("python3 has no 'jsonschema' (>= 4.18) module: run 'scripts/install-deps.sh test' or 'pip install jsonschema'")
            sys.exit(3)
        schema_path = pathlib.Path(sys.argv[1])
        resources = []
        for path in schema_path.parent.glob("*.json"):
            content = json.loads(path.read_text())
            uri = content.get("$id") or content.get("id")
            if uri:
                resources.append((uri, Resource.from_contents(content, default_specification=DRAFT7)))
        registry = Registry().with_resources(resources)
        schema = json.loads(schema_path.read_text())
        document = json.load(open(sys.argv[2]))
        cls = jsonschema.validators.validator_for(schema)
        errors = sorted(cls(schema, registry=registry).iter_errors(document), key=lambda e: list(e.path))
        for error in errors[:20]:
            print("/".join(str(p) for p in error.path) + ": " + error.message[:300])
        sys.exit(1 if errors else 0)
        """

    /// Runs the check; the outcome's output lists the first errors.
    static func validate(_ text: String, schema: String) throws -> (status: Int32, output: String) {
        let schemaURL = ReportFixtures.folder.appendingPathComponent("schemas/\(schema)")
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("scout-report-doc-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: report)
        defer { try? FileManager.default.removeItem(at: report) }
        return try runPython(script, arguments: [schemaURL.path, report.path])
    }
}
