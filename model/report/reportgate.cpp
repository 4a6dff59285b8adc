#include "report/reportgate.h"

#include "domain/wording.h"

#include <cmath>
#include <QRegularExpression>

namespace lb {

namespace {

using Metric = ReportGate::Metric;
using Operator = ReportGate::Operator;

const QList<Metric> &allMetrics()
{
    static const QList<Metric> metrics = {Metric::Changed,   Metric::Added,  Metric::Removed, Metric::Edited,
                                          Metric::Precision, Metric::Recall, Metric::F1,      Metric::IoU};
    return metrics;
}

std::optional<Metric> metricNamed(const QString &name)
{
    for (const Metric metric : allMetrics()) {
        if (ReportGate::metricName(metric).compare(name, Qt::CaseInsensitive) == 0)
            return metric;
    }
    return std::nullopt;
}

Operator operatorOf(const QString &text)
{
    if (text == QLatin1String("<"))
        return Operator::Less;
    if (text == QLatin1String("<="))
        return Operator::LessOrEqual;
    if (text == QLatin1String(">"))
        return Operator::Greater;
    if (text == QLatin1String(">="))
        return Operator::GreaterOrEqual;
    return Operator::Equal;
}

bool holds(double actual, Operator op, double threshold)
{
    constexpr double kEpsilon = 1e-9; // a ratio printed as 0.9 is 0.9
    switch (op) {
    case Operator::Less:
        return actual < threshold - kEpsilon;
    case Operator::LessOrEqual:
        return actual <= threshold + kEpsilon;
    case Operator::Greater:
        return actual > threshold + kEpsilon;
    case Operator::GreaterOrEqual:
        return actual >= threshold - kEpsilon;
    case Operator::Equal:
        return std::abs(actual - threshold) <= kEpsilon;
    }
    return false;
}

Error gateError(const QString &text, const QString &problem)
{
    return fail(ErrorKind::Usage, QStringLiteral("--fail-if %1: %2").arg(quoted(text), problem));
}

int unitsOf(const ReportGate &gate, const ReportData &report)
{
    switch (gate.metric) {
    case Metric::Changed:
        return report.changedUnits();
    case Metric::Added:
        return report.addedUnits();
    case Metric::Removed:
        return report.removedUnits();
    default:
        return report.editedUnits();
    }
}

std::optional<double> ratioOf(const ReportGate &gate, const ReportData &report)
{
    const ClassQuality quality = gate.featureHash.isEmpty()
                                     ? report.metrics.overall()
                                     : report.metrics.classes().value(gate.featureHash);
    switch (gate.metric) {
    case Metric::Precision:
        return quality.precision();
    case Metric::Recall:
        return quality.recall();
    case Metric::F1:
        return quality.f1();
    default:
        return quality.meanIoU();
    }
}

} // namespace

QString ReportGate::metricName(Metric metric)
{
    switch (metric) {
    case Metric::Changed:
        return QStringLiteral("changed");
    case Metric::Added:
        return QStringLiteral("added");
    case Metric::Removed:
        return QStringLiteral("removed");
    case Metric::Edited:
        return QStringLiteral("edited");
    case Metric::Precision:
        return QStringLiteral("precision");
    case Metric::Recall:
        return QStringLiteral("recall");
    case Metric::F1:
        return QStringLiteral("f1");
    case Metric::IoU:
        return QStringLiteral("iou");
    }
    return QString();
}

Result<ReportGate> parseReportGate(const QString &given)
{
    static const QRegularExpression pattern(
        QStringLiteral("^([A-Za-z0-9_]+)\\s*(?:\\[([^\\]]*)\\])?\\s*(<=|>=|==|<|>|=)\\s*(\\S*?)\\s*(%?)$"));
    ReportGate gate;
    gate.text = given.trimmed();
    const QRegularExpressionMatch match = pattern.match(gate.text);
    if (!match.hasMatch())
        return gateError(gate.text, QStringLiteral("write METRIC OPERATOR VALUE, e.g. 'changed>5%' or "
                                                   "'recall[Car]<0.9'"));
    const std::optional<Metric> metric = metricNamed(match.captured(1));
    if (!metric)
        return gateError(gate.text, QStringLiteral("unknown metric %1; use changed, added, removed, edited, "
                                                   "precision, recall, f1 or iou")
                                        .arg(quoted(match.captured(1))));
    gate.metric = *metric;
    if (match.captured(3) == QLatin1String("="))
        return gateError(gate.text, QStringLiteral("use == to compare for equality"));
    gate.op = operatorOf(match.captured(3));
    bool numeric = false;
    gate.threshold = match.captured(4).toDouble(&numeric);
    if (!numeric || !std::isfinite(gate.threshold) || gate.threshold < 0)
        return gateError(gate.text,
                         QStringLiteral("%1 is not a number of 0 or more").arg(quoted(match.captured(4))));
    gate.percent = !match.captured(5).isEmpty();
    if (gate.percent) {
        if (gate.threshold > 100)
            return gateError(gate.text, QStringLiteral("a percentage is at most 100%"));
        gate.threshold /= 100.0;
    }
    const bool hasClass = match.capturedLength(2) > 0 || gate.text.contains(QLatin1Char('['));
    gate.className = match.captured(2).trimmed();
    if (hasClass && gate.className.isEmpty())
        return gateError(gate.text, QStringLiteral("name a class between the brackets"));
    if (gate.isCount() && hasClass)
        return gateError(gate.text, QStringLiteral("%1 counts data units and takes no class; classes go with "
                                                   "precision, recall, f1 and iou")
                                        .arg(ReportGate::metricName(gate.metric)));
    if (!gate.isCount() && !gate.percent && gate.threshold > 1)
        return gateError(gate.text, QStringLiteral("%1 is a ratio from 0 to 1 (or a percentage, e.g. 90%)")
                                        .arg(ReportGate::metricName(gate.metric)));
    if (gate.isCount() && !gate.percent && gate.threshold != std::floor(gate.threshold))
        return gateError(gate.text,
                         QStringLiteral("a count of data units is a whole number (or a percentage)"));
    return gate;
}

Result<void> resolveGateClasses(QList<ReportGate> &gates, const Ontology &ontology)
{
    for (ReportGate &gate : gates) {
        if (gate.className.isEmpty())
            continue;
        gate.featureHash.clear();
        QStringList names;
        for (const OntologyObject &object : ontology.objects) {
            names.append(object.name);
            if (object.featureHash == gate.className ||
                object.name.compare(gate.className, Qt::CaseInsensitive) == 0) {
                gate.featureHash = object.featureHash;
                break;
            }
        }
        if (gate.featureHash.isEmpty())
            return gateError(gate.text, QStringLiteral("%1 is neither a class name nor a feature hash of the "
                                                       "ontology; its classes are: %2")
                                            .arg(quoted(gate.className), names.join(QStringLiteral(", "))));
    }
    return {};
}

GateOutcome evaluateGate(const ReportGate &gate, const ReportData &report)
{
    GateOutcome outcome;
    outcome.gate = gate;
    if (gate.isCount()) {
        const int units = unitsOf(gate, report);
        if (gate.percent)
            outcome.actual = report.unitsCompared() > 0 ? double(units) / report.unitsCompared() : 0.0;
        else
            outcome.actual = units;
    } else {
        outcome.actual = ratioOf(gate, report);
    }
    outcome.failed = outcome.actual && holds(*outcome.actual, gate.op, gate.threshold);
    return outcome;
}

QString GateOutcome::describe(const ReportData &report) const
{
    const QString name = ReportGate::metricName(gate.metric);
    if (gate.isCount()) {
        const int units = unitsOf(gate, report);
        if (gate.percent)
            return QStringLiteral("%1: %2% of the data units are %3 (%4 of %5)")
                .arg(gate.text, QString::number(actual.value_or(0) * 100, 'f', 2), name)
                .arg(units)
                .arg(report.unitsCompared());
        return QStringLiteral("%1: %2 data units are %3").arg(gate.text).arg(units).arg(name);
    }
    const QString of = gate.featureHash.isEmpty()
                           ? QString()
                           : QStringLiteral(" of %1").arg(quoted(report.className(gate.featureHash)));
    if (!actual)
        return QStringLiteral("%1: %2%3 has no cases").arg(gate.text, name, of);
    return QStringLiteral("%1: %2%3 is %4").arg(gate.text, name, of, QString::number(*actual, 'f', 4));
}

} // namespace lb
