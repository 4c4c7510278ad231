/// A job a worker cannot do, in words.
struct WorkerError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
