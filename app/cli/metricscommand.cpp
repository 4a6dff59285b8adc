#include "metricscommand.h"

#include "clicontext.h"
#include "domain/ontology.h"
#include "domain/wording.h"
#include "engine/engine.h"
#include "engine/qualitymeasure.h"
#include "interruptflag.h"
#include "progressbar.h"
#include "tableprinter.h"

#include <nlohmann/json.hpp>

namespace lb::cli {

using json = nlohmann::json;

namespace {

// Feature hash -> class name, from the ontology; a hash it does not name stands for itself.
class ClassNames
{
public:
    explicit ClassNames(const Ontology &ontology)
    {
        for (const OntologyObject &object : ontology.objects) {
            m_names.insert(object.featureHash, object.name);
            m_order.append(object.featureHash);
        }
    }
    QString of(const QString &featureHash) const { return m_names.value(featureHash, featureHash); }
    // The classes measured, in the ontology's order, then those it does not have.
    QStringList ordered(const QualityMetrics &metrics) const
    {
        QStringList classes;
        for (const QString &hash : m_order) {
            if (metrics.classes().contains(hash))
                classes.append(hash);
        }
        for (const QString &hash : metrics.classes().keys()) {
            if (!m_names.contains(hash))
                classes.append(hash);
        }
        return classes;
    }

    // --class values: a feature hash or a class name (any case).
    Result<QSet<QString>> resolve(const QStringList &wanted) const
    {
        QSet<QString> hashes;
        for (const QString &name : wanted) {
            const QString hash = find(name);
            if (hash.isEmpty())
                return fail(ErrorKind::Usage,
                            QStringLiteral("--class %1 is neither a class name nor a feature hash of the "
                                           "ontology; its classes are: %2")
                                .arg(quoted(name), m_names.values().join(QStringLiteral(", "))));
            hashes.insert(hash);
        }
        return hashes;
    }

private:
    QString find(const QString &name) const
    {
        if (m_names.contains(name))
            return name;
        for (auto it = m_names.cbegin(); it != m_names.cend(); ++it) {
            if (it.value().compare(name, Qt::CaseInsensitive) == 0)
                return it.key();
        }
        return QString();
    }

    QHash<QString, QString> m_names;
    QStringList m_order;
};

json ratio(const std::optional<double> &value)
{
    return value ? json(*value) : json(nullptr);
}

QString percent(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'f', 3) : QStringLiteral("-");
}

json qualityJson(const ClassQuality &quality)
{
    return {{"tp", quality.truePositives},         {"fp", quality.falsePositives},
            {"fn", quality.falseNegatives},        {"precision", ratio(quality.precision())},
            {"recall", ratio(quality.recall())},   {"f1", ratio(quality.f1())},
            {"mean_iou", ratio(quality.meanIoU())}};
}

QStringList qualityCells(const QString &name, const ClassQuality &quality)
{
    return {name,
            QString::number(quality.truePositives),
            QString::number(quality.falsePositives),
            QString::number(quality.falseNegatives),
            percent(quality.precision()),
            percent(quality.recall()),
            percent(quality.f1()),
            percent(quality.meanIoU())};
}

json metricsJson(const QualityMeasure::Options &options, const QualityMetrics &metrics,
                 const ClassNames &names)
{
    json classes = json::array();
    for (const QString &hash : names.ordered(metrics)) {
        json entry = qualityJson(metrics.classes().value(hash));
        entry["feature_hash"] = hash.toStdString();
        entry["name"] = names.of(hash).toStdString();
        classes.push_back(std::move(entry));
    }
    const auto side = [](const QString &hash) {
        return hash.isNull() ? json(nullptr) : json(hash.toStdString());
    };
    json confusion = json::array();
    for (auto row = metrics.confusion().cbegin(); row != metrics.confusion().cend(); ++row) {
        for (auto cell = row.value().cbegin(); cell != row.value().cend(); ++cell)
            confusion.push_back(
                {{"reference", side(row.key())}, {"predicted", side(cell.key())}, {"count", cell.value()}});
    }
    return {{"reference", options.reference.toStdString()},
            {"prediction", options.prediction.toStdString()},
            {"iou_threshold", options.iouThreshold},
            {"frames", metrics.frames()},
            {"classes", std::move(classes)},
            {"overall", qualityJson(metrics.overall())},
            {"confusion", std::move(confusion)}};
}

// Rows: reference classes then "extra"; columns: predicted classes then "missed".
Result<void> printConfusion(CliContext &ctx, const QualityMetrics &metrics, const ClassNames &names)
{
    QStringList classes = names.ordered(metrics);
    QStringList headers{QStringLiteral("REFERENCE \\ PREDICTED")};
    for (const QString &hash : classes)
        headers.append(names.of(hash));
    headers.append(QStringLiteral("missed"));
    TablePrinter table(headers);
    for (int column = 1; column < headers.size(); ++column)
        table.setRightAligned(column);
    classes.append(QualityMetrics::none());
    for (const QString &reference : std::as_const(classes)) {
        const QMap<QString, int> row = metrics.confusion().value(reference);
        QStringList cells{reference.isNull() ? QStringLiteral("extra") : names.of(reference)};
        for (const QString &predicted : std::as_const(classes))
            cells.append(QString::number(row.value(predicted)));
        table.addRow(cells);
    }
    return ctx.printTable(table);
}

Result<void> printMetrics(CliContext &ctx, const QualityMeasure::Options &options,
                          const QualityMetrics &metrics, const ClassNames &names)
{
    ctx.printLine(QStringLiteral("%1 measured against the reference %2 (objects paired at IoU >= %3)")
                      .arg(quoted(options.prediction), quoted(options.reference))
                      .arg(options.iouThreshold));
    TablePrinter table({QStringLiteral("CLASS"), QStringLiteral("TP"), QStringLiteral("FP"),
                        QStringLiteral("FN"), QStringLiteral("PRECISION"), QStringLiteral("RECALL"),
                        QStringLiteral("F1"), QStringLiteral("MEAN IOU")});
    for (int column = 1; column < 8; ++column)
        table.setRightAligned(column);
    for (const QString &hash : names.ordered(metrics))
        table.addRow(qualityCells(names.of(hash), metrics.classes().value(hash)));
    table.addRow(qualityCells(QStringLiteral("all classes"), metrics.overall()));
    if (Result<void> printed = ctx.printTable(table); !printed)
        return printed;
    ctx.printLine(QString());
    ctx.printLine(QStringLiteral("Confusion matrix (rows: reference, columns: prediction):"));
    return printConfusion(ctx, metrics, names);
}

} // namespace

QList<CommandSpec> MetricsCommand::specs()
{
    return {{QStringLiteral("metrics"),
             QStringLiteral("Measure one branch's objects against another's, per class"),
             QStringLiteral("SOURCE TARGET [--reference source|target] [--iou X] [--class C]..."),
             [](CommandParser &p) {
                 p.addValueOption(QStringLiteral("reference"), QStringLiteral("SIDE"),
                                  QStringLiteral("Which branch is the truth: source or target (default)."),
                                  QStringLiteral("target"));
                 p.addValueOption(QStringLiteral("iou"), QStringLiteral("X"),
                                  QStringLiteral("Least overlap (0 to 1) that pairs objects without a common "
                                                 "object hash (default 0.5)."),
                                  QStringLiteral("0.5"));
                 p.addValueOption(QStringLiteral("class"), QStringLiteral("C"),
                                  QStringLiteral("Only this class (name or feature hash); repeatable."));
             },
             &MetricsCommand::metrics}};
}

int MetricsCommand::metrics(CliContext &ctx, const CommandParser &args)
{
    const QStringList positional = args.positional();
    if (positional.size() != 2)
        return ctx.usageError(QStringLiteral(
            "metrics needs SOURCE and TARGET branches (see 'labelbranch-cli metrics --help')"));
    const QString side = args.value(QStringLiteral("reference"));
    if (side != QLatin1String("source") && side != QLatin1String("target"))
        return ctx.usageError(
            QStringLiteral("--reference must be source or target, not %1").arg(quoted(side)));
    bool numeric = false;
    const double iou = args.value(QStringLiteral("iou")).toDouble(&numeric);
    if (!numeric || iou <= 0.0 || iou > 1.0)
        return ctx.usageError(QStringLiteral("--iou must be a number above 0 and at most 1, not %1")
                                  .arg(quoted(args.value(QStringLiteral("iou")))));
    for (const QString &name : positional)
        if (auto exists = ctx.requireBranch(name); !exists)
            return ctx.failure(exists.takeError());
    auto engine = ctx.engine();
    if (!engine)
        return ctx.failure(engine.takeError());
    auto ontology = ctx.ontology();
    if (!ontology)
        return ctx.failure(ontology.takeError());
    const ClassNames names(ontology.value());
    QualityMeasure::Options options;
    const bool sourceIsReference = side == QLatin1String("source");
    options.reference = sourceIsReference ? positional.at(0) : positional.at(1);
    options.prediction = sourceIsReference ? positional.at(1) : positional.at(0);
    options.iouThreshold = iou;
    Result<QSet<QString>> classes = names.resolve(args.values(QStringLiteral("class")));
    if (!classes)
        return ctx.failure(classes.takeError());
    options.classes = classes.value();

    ProgressBar bar(QStringLiteral("data units"));
    InterruptFlag interrupt;
    JobControl control;
    control.onProgress = bar.callback();
    control.cancelFlag = interrupt.flag();
    const Result<QualityMetrics> measured = QualityMeasure::run(engine.value()->store(), options, control);
    bar.finish();
    if (!measured)
        return interrupt.isSet() ? ctx.failure(measured.error(), kExitCancelled)
                                 : ctx.failure(measured.takeError());
    if (ctx.json()) {
        ctx.printJson(metricsJson(options, measured.value(), names));
        return kExitOk;
    }
    const Result<void> printed = printMetrics(ctx, options, measured.value(), names);
    return printed ? kExitOk : ctx.failure(printed.error());
}

} // namespace lb::cli
