#pragma once

#include "diff/objectmatcher.h"

#include <optional>
#include <QHash>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

namespace lb {

// How well one class of a prediction agrees with the reference, object by object on each frame.
struct ClassQuality
{
    int truePositives = 0;  // reference objects matched by a prediction of the same class
    int falsePositives = 0; // predictions of the class no reference object of the class matched
    int falseNegatives = 0; // reference objects of the class no prediction of the class matched
    double iouSum = 0.0;    // over the true positives whose shapes can be compared
    int iouCount = 0;

    // None where the ratio has no cases (0 / 0).
    std::optional<double> precision() const;
    std::optional<double> recall() const;
    std::optional<double> f1() const;
    std::optional<double> meanIoU() const;
    ClassQuality &operator+=(const ClassQuality &other);
    bool operator==(const ClassQuality &other) const = default;
};

// One pair QualityMetrics::addFrame counted, for a caller that asks which objects a cell of the metrics holds
// (diff/qualitycell.h). An empty class and object stand for no object on that side (missed or extra).
struct CountedPair
{
    QString referenceClass, predictedClass;
    QString referenceObject, predictedObject; // object hashes
};

// Detection quality of one branch (the prediction) against another (the reference), per class, as
// COCO-style evaluations and FiftyOne report it: objects are paired per frame by diff/objectmatcher.h
// (objectHash, then class and shape, then shape across classes); a pair of the same class is a true
// positive, a pair of different classes is a confusion (a false negative of the reference class and a false
// positive of the predicted one), an unpaired reference object is missed and an unpaired prediction extra.
// Accumulates frame by frame, so a whole branch is measured without holding its objects. Pure.
class QualityMetrics
{
public:
    // The name of the confusion matrix's extra row and missed column: no object on that side.
    static QString none() { return QString(); }

    // Only objects of these classes (feature hashes) count; every class when empty.
    explicit QualityMetrics(QSet<QString> classes = {}) : m_only(std::move(classes)) {}

    // One frame (one data unit for types without frames): the reference's objects and the prediction's.
    // With `pairs`, every pair it counts is also appended there; without, nothing else is done.
    void addFrame(const QList<ObjectAnnotation> &reference, const QList<ObjectAnnotation> &prediction,
                  const MatchOptions &options, QList<CountedPair> *pairs = nullptr);
    // A frame whose objects are the same on both sides, given by class: each a true positive with IoU 1.
    void addIdentical(const QHash<QString, int> &objectsPerClass);
    // Objects only the reference has (missed), or only the prediction (extra), by class.
    void addMissed(const QHash<QString, int> &objectsPerClass);
    void addExtra(const QHash<QString, int> &objectsPerClass);

    // Adds what another accumulation (of other frames, with the same classes) counted.
    void merge(const QualityMetrics &other);

    // Every class either side used, by feature hash.
    const QMap<QString, ClassQuality> &classes() const { return m_classes; }
    // The sums over all classes (micro-averaged ratios).
    ClassQuality overall() const;
    // Reference class -> predicted class -> objects; none() stands for no object on that side.
    const QMap<QString, QMap<QString, int>> &confusion() const { return m_confusion; }
    int frames() const { return m_frames; }

private:
    bool counts(const QString &feature) const { return m_only.isEmpty() || m_only.contains(feature); }
    void pairOf(const QString &reference, const QString &predicted, std::optional<double> score);

    QSet<QString> m_only;
    QMap<QString, ClassQuality> m_classes;
    QMap<QString, QMap<QString, int>> m_confusion;
    int m_frames = 0;
};

} // namespace lb
