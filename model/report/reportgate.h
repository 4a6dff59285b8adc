#pragma once

#include "domain/result.h"
#include "report/reportdata.h"

#include <optional>
#include <QList>
#include <QString>

namespace lb {

// A condition that fails an automated run of `report` (`--fail-if 'changed>5%'`, `--fail-if 'recall<0.9'`,
// `--fail-if 'recall[Car]<0.9'`). Counts are data units of the comparison: `changed` (any difference),
// `added` (a row only on the target), `removed` (a row only on the source), `edited` (rows on both that
// differ); with `%` they are a share of the data units compared. Ratios are the quality metrics of the
// prediction against the reference (`precision`, `recall`, `f1`, `iou` = mean IoU), over all classes or, with
// `[class]`, for one class; `%` reads 90% as 0.9. Pure.
struct ReportGate
{
    enum class Metric
    {
        Changed,
        Added,
        Removed,
        Edited,
        Precision,
        Recall,
        F1,
        IoU
    };
    enum class Operator
    {
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
        Equal
    };

    QString text; // as given, trimmed
    Metric metric = Metric::Changed;
    QString className;   // as given between the brackets; empty for all classes
    QString featureHash; // className resolved against the ontology (resolveClasses())
    Operator op = Operator::Greater;
    double threshold = 0.0; // a fraction when `percent` (5% -> 0.05)
    bool percent = false;

    bool isCount() const { return metric <= Metric::Edited; }
    static QString metricName(Metric metric); // "changed", ..., "iou"
};

// The gate's value on a report and whether it holds (the run then fails). A ratio without cases (no
// reference objects for recall, ...) has no value and holds no gate.
struct GateOutcome
{
    ReportGate gate;
    std::optional<double> actual; // a fraction for percentages and ratios, else a count
    bool failed = false;

    // "recall[Car]<0.9: recall is 0.812"; "changed>5%: 12.40% of data units changed (1,240 of 10,000)".
    QString describe(const ReportData &report) const;
};

// Usage errors name the gate and what is wrong with it.
Result<ReportGate> parseReportGate(const QString &text);
// Finds each gate's class among the ontology's names (any case) and feature hashes.
Result<void> resolveGateClasses(QList<ReportGate> &gates, const Ontology &ontology);
GateOutcome evaluateGate(const ReportGate &gate, const ReportData &report);

} // namespace lb
