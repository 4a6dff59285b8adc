#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace lb {

// A user-readable failure. Errors travel as values: no exception crosses a slot or a thread.
struct Error
{
    QString message;
};

template <typename T>
class [[nodiscard]] Result
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
    Error takeError() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error.message)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    QString error() const { return m_error; }
    Error takeError() const { return Error{m_error}; }

private:
    QString m_error;
    bool m_failed = false;
};

inline Error fail(QString message)
{
    return Error{std::move(message)};
}

} // namespace lb
