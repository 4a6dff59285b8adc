#pragma once

#include <QList>
#include <QString>

namespace lb {

// An Encord data type (docs/encord-api.md §4.1). Each type Encord documents is a kind of its own; a type it
// adds later is kept by its name (Other) and carried through every operation instead of being refused.
class DataType
{
public:
    enum Kind
    {
        Image,
        ImageGroup,
        Video,
        Dicom,
        DicomStudy,
        Nifti,
        Audio,
        PlainText,
        Pdf,
        Group,
        Scene,
        Other
    };

    DataType(Kind kind = Image) : m_kind(kind) {} // implicit: `DataType type = DataType::Video`

    // Encord's names in any of its spellings: label rows write "img_group", listings "IMG_GROUP", some
    // tools "image_group"; "html" files are plain text. Any other non-blank name is an Other type of that
    // name (lower case). False for a blank one.
    static bool parse(const QString &text, DataType *type);

    Kind kind() const { return m_kind; }
    // The label-row spelling: "image", "img_group", "dicom", ..., an Other type's own name.
    QString labelRowName() const;
    // For people: "image", "image group", "DICOM series", ...
    QString displayName() const;

    // What one frame of its labels is called, for people: "slice" (DICOM, NIfTI), "page" (PDF), else "frame";
    // "slices", "pages", "frames" when `plural`. The canvas, its frame bar and the object list all say it.
    QString frameWord(bool plural = false) const;

    // Labels keyed by frame index (docs/encord-api.md §4.3): video, DICOM, NIfTI, PDF, scene.
    bool labelsByFrame() const;
    // Objects listed in object_answers with ranges rather than on frames: audio and plain text.
    bool objectsInAnswers() const { return m_kind == Audio || m_kind == PlainText; }
    // A root that holds other data units (data groups, DICOM studies): its own count is 0.
    bool isContainer() const { return m_kind == Group || m_kind == DicomStudy; }

    friend bool operator==(const DataType &a, const DataType &b)
    {
        return a.m_kind == b.m_kind && a.m_name == b.m_name;
    }

private:
    Kind m_kind;
    QString m_name; // an Other type's name
};

// The same, as free functions.
QString dataTypeLabelRowName(const DataType &type);
QString dataTypeDisplayName(const DataType &type);
bool parseDataType(const QString &text, DataType *type);

struct DataUnit
{
    QString dataHash;
    QString dataTitle;
    DataType dataType = DataType::Image;
    QString datasetHash;
    QString datasetTitle;
    int width = 0;
    int height = 0;
    int frameCount = 1;
    double fps = 0.0;
};

} // namespace lb
