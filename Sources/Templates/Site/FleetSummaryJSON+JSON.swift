import JSONText

// `index.json` through `JSONWriter`: members in the order `JSONEncoder`'s `.sortedKeys` writes them,
// nil optionals omitted. `TemplatesTests` compares the result with the `JSONEncoder` encoding.

extension FleetSummaryJSON: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("generatedAt", generatedAt)
        json.field("images", images)
        json.field("more", more)
        json.field("repositories", repositories)
        json.field("runs", runs)
        json.field("schema", schema)
        json.field("title", title)
        json.field("tool", sortedKeys: tool)
        json.field("totals", totals)
        json.field("vulnerabilities", vulnerabilities)
        json.endObject()
    }
}

extension FleetSummaryJSON.Shards: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("images", images)
        json.field("repositories", repositories)
        json.field("vulnerabilities", vulnerabilities)
        json.endObject()
    }
}

extension FleetSummaryJSON.Counts: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("critical", critical)
        json.field("high", high)
        json.field("low", low)
        json.field("medium", medium)
        json.field("total", total)
        json.field("unspecified", unspecified)
        json.endObject()
    }
}

extension FleetSummaryJSON.Image: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("baseImage", baseImage)
        json.field("created", created)
        json.field("digest", digest)
        json.field("downloads", sortedKeys: downloads)
        json.field("firstSeen", firstSeen)
        json.field("fixedSinceLastRun", fixedSinceLastRun)
        json.field("health", health)
        json.field("incomplete", incomplete)
        json.field("name", name)
        json.field("newFindings", newFindings)
        json.field("os", os)
        json.field("packages", packages)
        json.field("page", page)
        json.field("platform", platform)
        json.field("repository", repository)
        json.field("size", size)
        json.field("tags", tags)
        json.field("vulnerabilities", vulnerabilities)
        json.endObject()
    }
}

extension FleetSummaryJSON.Repository: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("baseImage", baseImage)
        json.field("enabled", enabled)
        json.field("images", images)
        json.field("lastAnalysed", lastAnalysed)
        json.field("latestDigest", latestDigest)
        json.field("latestTag", latestTag)
        json.field("name", name)
        json.field("page", page)
        json.field("source", source)
        json.field("vulnerabilities", vulnerabilities)
        json.endObject()
    }
}

extension FleetSummaryJSON.Health: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("grade", grade)
        json.field("policies", policies)
        json.field("score", score)
        json.endObject()
    }
}

extension FleetSummaryJSON.Policy: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", id)
        json.field("note", note)
        json.field("result", result)
        json.field("status", status)
        json.field("title", title)
        json.endObject()
    }
}

extension FleetSummaryJSON.Vulnerability: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("cvssScore", cvssScore)
        json.field("fixAvailable", fixAvailable)
        json.field("id", id)
        json.field("images", images)
        json.field("page", page)
        json.field("severity", severity)
        json.endObject()
    }
}

extension FleetSummaryJSON.Run: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("findings", findings)
        json.field("fixedFindings", fixedFindings)
        json.field("id", id)
        json.field("imagesEvaluated", imagesEvaluated)
        json.field("newFindings", newFindings)
        json.field("startedAt", startedAt)
        json.endObject()
    }
}
