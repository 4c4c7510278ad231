/// A value that writes itself through a `JSONWriter` (a document type's hand-written encoding).
public protocol JSONWritable {
    /// Writes this value as exactly one JSON value.
    func write(to json: inout JSONWriter)
}

extension String: JSONWritable {
    public func write(to json: inout JSONWriter) { json.string(self) }
}

extension Int: JSONWritable {
    public func write(to json: inout JSONWriter) { json.int(self) }
}

extension Int64: JSONWritable {
    public func write(to json: inout JSONWriter) { json.int(self) }
}

extension Double: JSONWritable {
    public func write(to json: inout JSONWriter) { json.double(self) }
}

extension Bool: JSONWritable {
    public func write(to json: inout JSONWriter) { json.bool(self) }
}

extension Array: JSONWritable where Element: JSONWritable {
    /// Inlinable so that it is specialized for each element type where it is used, and written
    /// through the buffer so that elements are not copied (retained and released) one by one.
    @inlinable
    public func write(to json: inout JSONWriter) {
        json.beginArray()
        withUnsafeBufferPointer { elements in
            for index in elements.indices { elements[index].write(to: &json) }
        }
        json.endArray()
    }
}

extension JSONWriter {
    /// A writer holding `value` written as a whole document.
    @inlinable
    public static func document(_ value: some JSONWritable, layout: Layout, capacity: Int = 4096) -> JSONWriter {
        var json = JSONWriter(layout: layout, capacity: capacity)
        value.write(to: &json)
        return json
    }

    /// Writes a member: its key, then `value`.
    @inlinable
    public mutating func field(_ name: StaticString, _ value: some JSONWritable) {
        key(name)
        value.write(to: &self)
    }

    /// Writes a member when `value` is not nil; nothing otherwise (as `JSONEncoder` omits a nil
    /// optional property).
    @inlinable
    public mutating func field(_ name: StaticString, _ value: (some JSONWritable)?) {
        guard let value else { return }
        key(name)
        value.write(to: &self)
    }

    /// Writes a `[String: String]` member as an object with its keys in ascending order (as
    /// `JSONEncoder`'s `.sortedKeys` orders them).
    public mutating func field(_ name: StaticString, sortedKeys dictionary: [String: String]) {
        key(name)
        beginObject()
        for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) {
            self.key(key)
            string(value)
        }
        endObject()
    }
}
