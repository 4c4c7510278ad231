import JSONText

// CycloneDX through `JSONWriter`: members in the order `JSONEncoder`'s `.sortedKeys` writes them,
// nil optionals omitted. `ReportsTests` compares every document with its `JSONEncoder` encoding.

extension CycloneDXDocument: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("$schema", schema)
        json.field("annotations", annotations)
        json.field("bomFormat", bomFormat)
        json.field("components", components)
        json.field("compositions", compositions)
        json.field("dependencies", dependencies)
        json.field("metadata", metadata)
        json.field("serialNumber", serialNumber)
        json.field("specVersion", specVersion)
        json.field("version", version)
        json.field("vulnerabilities", vulnerabilities)
        json.endObject()
    }
}

extension CycloneDXDocument.Composition: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("aggregate", aggregate)
        json.field("assemblies", assemblies)
        json.endObject()
    }
}

extension CycloneDXDocument.Annotation: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key("annotator")
        json.beginObject()
        json.field("component", annotator.component)
        json.endObject()
        json.field("subjects", subjects)
        json.field("text", text)
        json.field("timestamp", timestamp)
        json.endObject()
    }
}

extension CycloneDXDocument.Metadata: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("component", component)
        json.field("properties", properties)
        json.key("tools")
        json.beginObject()
        json.field("components", tools.components)
        json.endObject()
        json.endObject()
    }
}

extension CycloneDXDocument.Component: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("bom-ref", bomRef)
        json.field("description", description)
        json.field("licenses", licenses)
        json.field("name", name)
        json.field("properties", properties)
        json.field("purl", purl)
        json.field("type", type)
        json.field("version", version)
        json.endObject()
    }
}

extension CycloneDXDocument.LicenseChoice: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key("license")
        json.beginObject()
        json.field("name", license.name)
        json.endObject()
        json.endObject()
    }
}

extension CycloneDXDocument.Property: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("name", name)
        json.field("value", value)
        json.endObject()
    }
}

extension CycloneDXDocument.Dependency: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("dependsOn", dependsOn)
        json.field("ref", ref)
        json.endObject()
    }
}

extension CycloneDXDocument.Vulnerability: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("advisories", advisories)
        json.field("affects", affects)
        json.field("bom-ref", bomRef)
        json.field("description", description)
        json.field("detail", detail)
        json.field("id", id)
        json.field("properties", properties)
        json.field("ratings", ratings)
        json.field("recommendation", recommendation)
        json.field("references", references)
        json.field("source", source)
        json.endObject()
    }
}

extension CycloneDXDocument.Source: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("name", name)
        json.field("url", url)
        json.endObject()
    }
}

extension CycloneDXDocument.Reference: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", id)
        json.field("source", source)
        json.endObject()
    }
}

extension CycloneDXDocument.Rating: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("method", method)
        json.field("score", score)
        json.field("severity", severity)
        json.field("source", source)
        json.field("vector", vector)
        json.endObject()
    }
}

extension CycloneDXDocument.Advisory: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("url", url)
        json.endObject()
    }
}

extension CycloneDXDocument.Affect: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("ref", ref)
        json.field("versions", versions)
        json.endObject()
    }
}

extension CycloneDXDocument.AffectedVersion: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("status", status)
        json.field("version", version)
        json.endObject()
    }
}
