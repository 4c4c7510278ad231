import JSONText

// SPDX through `JSONWriter`: members in the order `JSONEncoder`'s `.sortedKeys` writes them (code
// point order: `SPDXID` first), nil optionals omitted. `ReportsTests` compares every document with
// its `JSONEncoder` encoding.

extension SPDXDocument: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("SPDXID", SPDXID)
        json.key("creationInfo")
        json.beginObject()
        json.field("created", creationInfo.created)
        json.field("creators", creationInfo.creators)
        json.endObject()
        json.field("dataLicense", dataLicense)
        json.field("documentNamespace", documentNamespace)
        json.field("name", name)
        json.field("packages", packages)
        json.field("relationships", relationships)
        json.field("spdxVersion", spdxVersion)
        json.endObject()
    }
}

extension SPDXDocument.Package: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("SPDXID", SPDXID)
        json.field("annotations", annotations)
        json.field("checksums", checksums)
        json.field("comment", comment)
        json.field("copyrightText", copyrightText)
        json.field("downloadLocation", downloadLocation)
        json.field("externalRefs", externalRefs)
        json.field("filesAnalyzed", filesAnalyzed)
        json.field("licenseComments", licenseComments)
        json.field("licenseConcluded", licenseConcluded)
        json.field("licenseDeclared", licenseDeclared)
        json.field("name", name)
        json.field("primaryPackagePurpose", primaryPackagePurpose)
        json.field("sourceInfo", sourceInfo)
        json.field("versionInfo", versionInfo)
        json.endObject()
    }
}

extension SPDXDocument.Annotation: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("annotationDate", annotationDate)
        json.field("annotationType", annotationType)
        json.field("annotator", annotator)
        json.field("comment", comment)
        json.endObject()
    }
}

extension SPDXDocument.Checksum: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("algorithm", algorithm)
        json.field("checksumValue", checksumValue)
        json.endObject()
    }
}

extension SPDXDocument.ExternalRef: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("comment", comment)
        json.field("referenceCategory", referenceCategory)
        json.field("referenceLocator", referenceLocator)
        json.field("referenceType", referenceType)
        json.endObject()
    }
}

extension SPDXDocument.Relationship: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("relatedSpdxElement", relatedSpdxElement)
        json.field("relationshipType", relationshipType)
        json.field("spdxElementId", spdxElementId)
        json.endObject()
    }
}
