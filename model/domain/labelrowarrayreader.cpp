#include "domain/labelrowarrayreader.h"

#include "domain/labelrowparser.h"

#include <nlohmann/json.hpp>
#include <QtConcurrent/QtConcurrentMap>
#include <utility>

namespace lb {

namespace {

// nlohmann's message is "[json.exception.parse_error.101] parse error at line 1, column 5: <reason>".
QString parseErrorReason(const nlohmann::json::parse_error &error)
{
    const std::string what = error.what();
    std::size_t start = what.find("column ");
    if (start != std::string::npos)
        start = what.find(": ", start);
    if (start == std::string::npos)
        start = what.find("] ");
    return QString::fromUtf8(start == std::string::npos ? what.c_str() : what.c_str() + start + 2);
}

} // namespace

LabelRowArrayReader::LabelRowArrayReader(QIODevice &device, QString name, qsizetype maxRowBytes)
    : m_device(device), m_name(std::move(name)), m_maxRowBytes(maxRowBytes), m_reading(&device),
      m_elements(std::make_unique<JsonArrayElements>(device, maxRowBytes))
{
    if (device.isSequential()) {
        m_spool = std::make_unique<QTemporaryFile>();
        m_spooling = m_spool->open() && m_spool->write("[") == 1;
    }
}

Result<void> LabelRowArrayReader::spool(const QByteArray &row)
{
    const QByteArray separator = m_row > 1 ? QByteArray(",\n") : QByteArray();
    if (m_spool->write(separator) != separator.size() || m_spool->write(row) != row.size())
        return fail(QStringLiteral("cannot keep a copy of the input to read it again: %1")
                        .arg(m_spool->errorString()));
    return {};
}

LabelRowArrayReader::~LabelRowArrayReader()
{
    dropAhead(); // the pool may still be parsing rows this reader holds
}

Result<void> LabelRowArrayReader::restart()
{
    dropAhead();
    if (m_spool) {
        // Only a copy of the whole input can be read again.
        if (m_spooling || !m_spool->seek(0))
            return fail(QStringLiteral("the input cannot be read a second time"));
        m_reading = m_spool.get();
    } else if (!m_device.seek(0)) {
        return fail(QStringLiteral("the input cannot be read a second time: %1").arg(m_device.errorString()));
    }
    m_elements = std::make_unique<JsonArrayElements>(*m_reading, m_maxRowBytes);
    m_row = 0;
    return {};
}

Error LabelRowArrayReader::named(Error error) const
{
    if (!m_name.isEmpty())
        error.message = m_name + QStringLiteral(": ") + error.message;
    return error;
}

Result<void> LabelRowArrayReader::rewind()
{
    Result<void> rewound = restart();
    return rewound ? rewound : Result<void>(named(rewound.takeError()));
}

Result<std::optional<LabelRowDocument>> LabelRowArrayReader::next()
{
    Result<QList<LabelRowDocument>> rows = nextBatch(1, false);
    if (!rows)
        return rows.takeError();
    return rows->isEmpty() ? std::optional<LabelRowDocument>() : std::optional(std::move(rows->first()));
}

Result<std::optional<LabelRowDocument>> LabelRowArrayReader::nextChecked()
{
    Result<QList<LabelRowDocument>> rows = nextBatch(1, true);
    if (!rows)
        return rows.takeError();
    return rows->isEmpty() ? std::optional<LabelRowDocument>() : std::optional(std::move(rows->first()));
}

Result<QList<LabelRowDocument>> LabelRowArrayReader::nextBatch(int size, bool checkedOnly)
{
    if (m_ready.isEmpty()) {
        if (!m_ahead && !m_readToEnd)
            readAhead(size, checkedOnly);
        takeAhead(checkedOnly);
    }
    QList<LabelRowDocument> rows;
    while (!m_ready.isEmpty() && rows.size() < size) {
        if (!m_ready.constFirst()) {
            // The rows before a failing one are handed over first, as one row at a time would have.
            if (!rows.isEmpty())
                break;
            return m_ready.takeFirst().takeError();
        }
        rows.append(std::move(m_ready.takeFirst()).value());
    }
    if (m_ready.isEmpty() && !m_ahead && !m_readToEnd)
        readAhead(size, checkedOnly);
    return rows;
}

void LabelRowArrayReader::readAhead(int size, bool checkedOnly)
{
    // Reading (and spooling) stays in order on this thread; parsing, most of the work, is spread.
    auto raw = std::make_shared<QList<RawRow>>();
    Ahead ahead;
    while (raw->size() < size) {
        Result<std::optional<RawRow>> next = readRaw();
        if (!next) {
            ahead.readError = named(next.takeError());
            m_readToEnd = true;
            break;
        }
        if (!next->has_value()) {
            m_readToEnd = true;
            break;
        }
        raw->append(std::move(next->value()));
    }
    ahead.raw = raw;
    ahead.checkedOnly = checkedOnly;
    ahead.parsed = QtConcurrent::mapped(*raw, [checkedOnly](const RawRow &row) {
        return std::make_shared<Result<LabelRowDocument>>(parse(row, !checkedOnly));
    });
    m_ahead = std::move(ahead);
}

// Moves the batch parsed ahead, if any, to the rows ready to hand out (parsed again when it was read for
// the other kind of reading).
void LabelRowArrayReader::takeAhead(bool checkedOnly)
{
    if (!m_ahead)
        return;
    Ahead ahead = *std::exchange(m_ahead, std::nullopt);
    const QList<std::shared_ptr<Result<LabelRowDocument>>> parsed = ahead.parsed.results();
    for (qsizetype i = 0; i < parsed.size(); ++i) {
        Result<LabelRowDocument> row = ahead.checkedOnly == checkedOnly ? std::move(*parsed.at(i))
                                                                        : parse(ahead.raw->at(i), !checkedOnly);
        m_ready.append(row ? std::move(row) : Result<LabelRowDocument>(named(row.takeError())));
    }
    if (ahead.readError)
        m_ready.append(Result<LabelRowDocument>(*ahead.readError));
}

void LabelRowArrayReader::dropAhead()
{
    if (m_ahead)
        m_ahead->parsed.waitForFinished();
    m_ahead.reset();
    m_ready.clear();
    m_readToEnd = false;
}

Result<std::optional<LabelRowArrayReader::RawRow>> LabelRowArrayReader::readRaw()
{
    Result<std::optional<JsonArrayElements::Element>> element = m_elements->next();
    if (!element)
        return element.takeError();
    if (!element->has_value()) {
        if (m_spooling) {
            m_spooling = false;
            if (m_spool->write("]\n") != 2 || !m_spool->flush())
                return fail(QStringLiteral("cannot keep a copy of the input to read it again: %1")
                                .arg(m_spool->errorString()));
        }
        return std::optional<RawRow>();
    }
    ++m_row;
    if (m_spooling) {
        if (Result<void> kept = spool(element->value().bytes); !kept)
            return kept.takeError();
    }
    return std::optional(RawRow{std::move(element->value()), m_row});
}

Result<LabelRowDocument> LabelRowArrayReader::parse(const RawRow &raw, bool keepLabels)
{
    const QString context = QStringLiteral("row ") + QString::number(raw.row);
    const QByteArray &bytes = raw.element.bytes;
    nlohmann::json row;
    try {
        row = nlohmann::json::parse(bytes.constBegin(), bytes.constEnd());
    } catch (const nlohmann::json::parse_error &e) {
        return fail(QStringLiteral("%1: invalid JSON at byte %2: %3")
                        .arg(context)
                        .arg(raw.element.offset + qint64(e.byte) - 1)
                        .arg(parseErrorReason(e)));
    } catch (const std::exception &e) {
        return fail(QStringLiteral("%1: invalid JSON: %2").arg(context, QString::fromUtf8(e.what())));
    }
    try {
        return keepLabels ? LabelRowParser::parse(std::move(row), context)
                          : LabelRowParser::check(std::move(row), context);
    } catch (const std::exception &e) {
        return fail(
            QStringLiteral("%1: label row could not be read: %2").arg(context, QString::fromUtf8(e.what())));
    }
}

} // namespace lb
