import JSONText

// SARIF through `JSONWriter`: members in the order `JSONEncoder`'s `.sortedKeys` writes them, nil
// optionals omitted. `ReportsTests` compares every document with its `JSONEncoder` encoding.

extension SARIFDocument: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("$schema", schema)
        json.field("runs", runs)
        json.field("version", version)
        json.endObject()
    }
}

extension SARIFDocument.Run: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("columnKind", columnKind)
        json.field("invocations", invocations)
        json.field("properties", sortedKeys: properties)
        json.field("results", results)
        json.field("tool", tool)
        json.endObject()
    }
}

extension SARIFDocument.Invocation: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("executionSuccessful", executionSuccessful)
        json.field("toolExecutionNotifications", toolExecutionNotifications)
        json.endObject()
    }
}

extension SARIFDocument.Notification: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("level", level)
        json.field("message", message)
        json.endObject()
    }
}

extension SARIFDocument.Tool: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("driver", driver)
        json.endObject()
    }
}

extension SARIFDocument.Driver: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("fullName", fullName)
        json.field("name", name)
        json.field("rules", rules)
        json.field("version", version)
        json.endObject()
    }
}

extension SARIFDocument.Rule: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("defaultConfiguration", defaultConfiguration)
        json.field("fullDescription", fullDescription)
        json.field("help", help)
        json.field("helpUri", helpUri)
        json.field("id", id)
        json.field("name", name)
        json.field("properties", properties)
        json.field("shortDescription", shortDescription)
        json.endObject()
    }
}

extension SARIFDocument.Message: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("text", text)
        json.endObject()
    }
}

extension SARIFDocument.Configuration: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("level", level)
        json.endObject()
    }
}

extension SARIFDocument.Help: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("markdown", markdown)
        json.field("text", text)
        json.endObject()
    }
}

extension SARIFDocument.RuleProperties: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("precision", precision)
        json.field("security-severity", securitySeverity)
        json.field("tags", tags)
        json.endObject()
    }
}

extension SARIFDocument.Result: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("level", level)
        json.field("locations", locations)
        json.field("message", message)
        json.field("ruleId", ruleId)
        json.field("ruleIndex", ruleIndex)
        json.endObject()
    }
}

extension SARIFDocument.Location: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key("physicalLocation")
        json.beginObject()
        json.key("artifactLocation")
        json.beginObject()
        json.field("uri", physicalLocation.artifactLocation.uri)
        json.endObject()
        json.endObject()
        json.endObject()
    }
}
