#pragma once

#include <QString>
#include <utility>
#include <variant>

namespace lb {

// What sort of failure an Error is, so callers branch on the kind and never on the wording: the command line
// picks its exit status from it, dialogs decide which field to point at.
enum class ErrorKind
{
    Failed,             // anything not named below; the message says what
    Usage,              // a value the user gave is not acceptable (bad name, batch size, option)
    NotFound,           // a named branch, data unit, operation or file does not exist
    Conflict,           // the thing exists already, or the state does not allow the change
    Cancelled,          // the user asked to stop
    PassphraseRequired, // the SSH key is protected and no passphrase was given
    WrongPassphrase,    // the SSH key's passphrase does not open it
    Remote,             // the remote service or the network failed
    Busy,               // another operation is writing the branch; the message names it
};

// A user-readable failure. Errors travel as values: no exception crosses a slot or a thread.
struct Error
{
    QString message;
    ErrorKind kind = ErrorKind::Failed;
};

template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    // By value: `for (auto &x : store.branches().value())` then keeps the list alive for the loop, where a
    // reference into the temporary Result would dangle.
    T value() && { return std::get<T>(std::move(m_state)); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }
    const T &operator*() const & { return value(); }

    QString error() const { return ok() ? QString() : std::get<Error>(m_state).message; }
    ErrorKind errorKind() const { return ok() ? ErrorKind::Failed : std::get<Error>(m_state).kind; }
    Error takeError() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    QString error() const { return m_error.message; }
    ErrorKind errorKind() const { return m_error.kind; }
    Error takeError() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

inline Error fail(QString message)
{
    return Error{std::move(message), ErrorKind::Failed};
}

inline Error fail(ErrorKind kind, QString message)
{
    return Error{std::move(message), kind};
}

// The same kind with more context in front: "cannot open x: " + the cause.
inline Error withContext(const Error &cause, QString message)
{
    return Error{std::move(message), cause.kind};
}

} // namespace lb
