/// A runtime failure of a command: printed as one `Error: …` line (no usage text), exit code 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
