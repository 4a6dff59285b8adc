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

Result<nlohmann::json> parseJson(const JsonArrayElements::Element &element, const QString &context)
{
    try {
        return nlohmann::json::parse(element.bytes.constBegin(), element.bytes.constEnd());
    } catch (const nlohmann::json::parse_error &e) {
        return fail(QStringLiteral("%1: invalid JSON at byte %2: %3")
                        .arg(context)
                        .arg(element.offset + qint64(e.byte) - 1)
                        .arg(parseErrorReason(e)));
    } catch (const std::exception &e) {
        return fail(QStringLiteral("%1: invalid JSON: %2").arg(context, QString::fromUtf8(e.what())));
    }
}

// Whether the row names another branch than `branch` as LabelRowParser reads it (main when it names none);
// a branch_name that is not a string is left to the parser to refuse.
bool namesOtherBranch(const nlohmann::json &row, const QString &branch)
{
    if (!row.is_object())
        return false;
    const auto named = row.find("branch_name");
    if (named == row.end() || named->is_null())
        return branch != QLatin1String("main");
    if (!named->is_string())
        return false;
    const std::string &name = named->get_ref<const std::string &>();
    return name.empty() ? branch != QLatin1String("main") : QString::fromStdString(name) != branch;
}

Result<LabelRowDocument> readRow(nlohmann::json &&row, const QString &context, RowReading reading)
{
    try {
        switch (reading) {
        case RowReading::Checked:
            return LabelRowParser::check(std::move(row), context);
        case RowReading::ForStoring: // its tree is freed here too, not on the thread that writes
            return LabelRowParser::forStoring(std::move(row), context);
        case RowReading::Parsed:
            break;
        }
        return LabelRowParser::parse(std::move(row), context);
    } catch (const std::exception &e) {
        return fail(
            QStringLiteral("%1: label row could not be read: %2").arg(context, QString::fromUtf8(e.what())));
    }
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
    Result<QList<LabelRowDocument>> rows = nextBatch(1, RowReading::Parsed);
    if (!rows)
        return rows.takeError();
    return rows->isEmpty() ? std::optional<LabelRowDocument>() : std::optional(std::move(rows->first()));
}

Result<std::optional<LabelRowDocument>> LabelRowArrayReader::nextChecked()
{
    Result<QList<LabelRowDocument>> rows = nextBatch(1, RowReading::Checked);
    if (!rows)
        return rows.takeError();
    return rows->isEmpty() ? std::optional<LabelRowDocument>() : std::optional(std::move(rows->first()));
}

Result<QList<LabelRowDocument>> LabelRowArrayReader::nextBatch(int size, RowReading reading)
{
    while (m_ready.isEmpty() && (m_ahead || !m_readToEnd)) { // a batch may hold no row of the branch
        if (!m_ahead)
            readAhead(size, reading);
        takeAhead(reading);
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
        readAhead(size, reading);
    return rows;
}

void LabelRowArrayReader::readAhead(int size, RowReading reading)
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
    ahead.reading = reading;
    ahead.parsed = QtConcurrent::mapped(
        *raw, [reading, branch = m_onlyBranch](const RawRow &row) { return parse(row, reading, branch); });
    m_ahead = std::move(ahead);
}

// Moves the batch parsed ahead, if any, to the rows ready to hand out (parsed again when it was read for
// the other kind of reading).
void LabelRowArrayReader::takeAhead(RowReading reading)
{
    if (!m_ahead)
        return;
    Ahead ahead = *std::exchange(m_ahead, std::nullopt);
    const QList<Parsed> parsed = ahead.parsed.results();
    for (qsizetype i = 0; i < parsed.size(); ++i) {
        const Parsed row =
            ahead.reading == reading ? parsed.at(i) : parse(ahead.raw->at(i), reading, m_onlyBranch);
        if (!row)
            continue;
        m_ready.append(*row ? std::move(*row) : Result<LabelRowDocument>(named(row->takeError())));
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

LabelRowArrayReader::Parsed LabelRowArrayReader::parse(const RawRow &raw, RowReading reading,
                                                       const QString &onlyBranch)
{
    const QString context = QStringLiteral("row ") + QString::number(raw.row);
    Result<nlohmann::json> row = parseJson(raw.element, context);
    if (row && !onlyBranch.isEmpty() && namesOtherBranch(row.value(), onlyBranch))
        return nullptr;
    return std::make_shared<Result<LabelRowDocument>>(row ? readRow(std::move(row).value(), context, reading)
                                                          : Result<LabelRowDocument>(row.takeError()));
}

} // namespace lb
