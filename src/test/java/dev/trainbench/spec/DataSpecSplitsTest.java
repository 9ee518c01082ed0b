package dev.trainbench.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** data.validation / data.test sections, the CSV options and class names in the spec. */
class DataSpecSplitsTest {

    static final String MODEL = "\"model\": {\"layers\": [{\"type\": \"dense\", \"units\": 8}]}";

    static ExperimentSpec parse(String data, String split) {
        return SpecJson.parse("{\"data\": " + data + (split == null ? "" : ", \"split\": " + split) + ", " + MODEL + "}");
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "message should contain '" + p + "': " + e.getMessage());
        }
    }

    static final String FASHION = """
            {"source": "idx", "path": "train-images.gz", "labelsPath": "train-labels.gz",
             "classNamesPath": "classes.txt",
             "test": {"path": "t10k-images.gz", "labelsPath": "t10k-labels.gz"}}""";

    @Test
    void aTestSectionInheritsTheSourceAndFormatFields() {
        DataSpec t = parse(FASHION, null).data().resolvedTest();
        assertEquals(DataSpec.Source.IDX, t.source());
        assertEquals("t10k-images.gz", t.path());
        assertEquals("classes.txt", t.classNamesPath());
    }

    @Test
    void withTestFilesTheDefaultSplitDividesTheTrainingFileIntoTrainAndValidation() {
        SplitSpec s = parse(FASHION, null).split();
        assertEquals(85.0, s.train());
        assertEquals(15.0, s.validation());
        assertEquals(0.0, s.test());
    }

    @Test
    void aTestPercentageWithTestFilesIsRefusedWithTheFix() {
        SpecException e = assertThrows(SpecException.class,
                () -> parse(FASHION, "{\"train\": 70, \"validation\": 15, \"test\": 15}"));
        assertMentions(e, "split.test is 15%", "data.test", "set split.test to 0", "train 85, validation 15, test 0");
    }

    @Test
    void aValidationPercentageWithValidationFilesIsRefused() {
        SpecException e = assertThrows(SpecException.class, () -> parse("""
                {"source": "csv", "path": "train.csv", "validation": {"path": "valid.csv"}}""",
                "{\"train\": 80, \"validation\": 20, \"test\": 0}"));
        assertMentions(e, "split.validation is 20%", "set split.validation to 0");
    }

    @Test
    void aTestSectionWithoutAPathIsRefused() {
        SpecException e = assertThrows(SpecException.class,
                () -> parse("{\"source\": \"csv\", \"path\": \"a.csv\", \"test\": {\"skipLines\": 1}}", null));
        assertMentions(e, "data.test.path is missing");
    }

    @Test
    void aTestSectionCannotHaveItsOwnTestSection() {
        SpecException e = assertThrows(SpecException.class, () -> parse(
                "{\"source\": \"csv\", \"path\": \"a.csv\", \"test\": {\"path\": \"b.csv\", \"test\": {\"path\": \"c.csv\"}}}", null));
        assertMentions(e, "cannot have its own validation or test section");
    }

    @Test
    void aGeneratedSetsTestSectionMustNameAFileSource() {
        SpecException e = assertThrows(SpecException.class,
                () -> parse("{\"source\": \"toy\", \"name\": \"spiral\", \"test\": {\"path\": \"b.csv\"}}", null));
        assertMentions(e, "data.test must be files", "csv, idx or images");
    }

    @Test
    void aTestSectionOfAnotherSourceTakesNoFormatFieldsFromTheParent() {
        DataSpec t = parse("{\"source\": \"csv\", \"path\": \"a.csv\", \"skipLines\": 2,"
                + " \"test\": {\"source\": \"idx\", \"path\": \"x.gz\", \"labelsPath\": \"y.gz\"}}", null).data().resolvedTest();
        assertEquals(DataSpec.Source.IDX, t.source());
        assertNull(t.skipLines());
    }

    @Test
    void csvOptionsRoundTripThroughJson() {
        ExperimentSpec s = parse("""
                {"source": "csv", "path": "wine.csv", "skipLines": 1, "header": false, "delimiter": ";",
                 "task": "classification", "categoricalColumns": ["zone", "3"], "targetColumn": "13",
                 "classNames": ["class_0", "class_1", "class_2"], "test": {"path": "wine-test.csv"}}""", null);
        ExperimentSpec back = SpecJson.parse(SpecJson.write(s));
        assertEquals(s, back);
        assertEquals(DataSpec.Delimiter.SEMICOLON, back.data().delimiter());
        assertEquals(List.of("zone", "3"), back.data().categoricalColumns());
        assertTrue(SpecJson.write(s).contains("\"delimiter\" : \";\""), SpecJson.write(s));
    }

    @Test
    void anUnknownDelimiterListsTheChoices() {
        SpecException e = assertThrows(SpecException.class,
                () -> parse("{\"source\": \"csv\", \"path\": \"a.csv\", \"delimiter\": \"|\"}", null));
        assertMentions(e, "data.delimiter", "\"|\"");
    }

    @Test
    void negativeSkipLinesIsRefused() {
        SpecException e = assertThrows(SpecException.class,
                () -> parse("{\"source\": \"csv\", \"path\": \"a.csv\", \"skipLines\": -1}", null));
        assertMentions(e, "data.skipLines", "was -1");
    }

    @Test
    void classNamesAndANamesFileTogetherAreRefused() {
        SpecException e = assertThrows(SpecException.class, () -> parse(
                "{\"source\": \"idx\", \"path\": \"a\", \"labelsPath\": \"b\", \"classNames\": [\"x\", \"y\"], \"classNamesPath\": \"c\"}", null));
        assertMentions(e, "both set");
    }

    @Test
    void duplicateClassNamesAreRefused() {
        SpecException e = assertThrows(SpecException.class, () -> parse(
                "{\"source\": \"idx\", \"path\": \"a\", \"labelsPath\": \"b\", \"classNames\": [\"x\", \"x\"]}", null));
        assertMentions(e, "\"x\" twice");
    }

    @Test
    void withMethodsKeepEveryOtherField() {
        DataSpec d = parse(FASHION, null).data();
        DataSpec e = d.withPath("other.gz").withSkipLines(3).withDelimiter(DataSpec.Delimiter.AUTO);
        assertEquals("other.gz", e.path());
        assertEquals(3, e.skipLines());
        assertNull(e.delimiter());
        assertEquals(d.test(), e.test());
        assertEquals(d.classNamesPath(), e.classNamesPath());
        assertEquals(d.labelsPath(), e.labelsPath());
        assertNull(d.withTest(null).test());
    }
}
