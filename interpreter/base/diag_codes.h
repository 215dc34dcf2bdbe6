/* diag_codes.h — the one table of diagnostic codes. Every diagnostic the library records
 * carries one of these codes; tools and scripts match on the code ("MB3002"), never on the
 * message text, which may be reworded.
 *
 * STABILITY: a code, once released, is never renumbered and never reused for another meaning.
 * A diagnostic that goes away keeps its line here with severity RETIRED and its summary
 * starting "retired:"; a new diagnostic takes the next free number of its group. Every code
 * is documented in docs/diagnostics.md (a test keeps the two in step).
 *
 * Groups (by what the diagnostic is about):
 *   MB1xxx  rule files: bytes, tokens and syntax          MB2xxx  names and structure
 *   MB3xxx  units and numbers in rules                    MB4xxx  target meaning, contradictions
 *   MB5xxx  imports and reading rule files                MB6xxx  submissions (data files)
 *   MB7xxx  tests of rules (mubiao test)                  MB9xxx  limits and resources
 *
 * X(number, identifier, severity, summary); the severity is the one the diagnostic is
 * recorded with: ERROR, WARNING or NOTE (RETIRED: no longer recorded). */
#ifndef MB_DIAG_CODES_H
#define MB_DIAG_CODES_H

#define MB_DIAG_CODES(X)                                                                         \
    /* MB1xxx rule files: bytes, tokens and syntax */                                            \
    X(1001, MB_D_SYNTAX, ERROR, "syntax error: a token the grammar does not accept here")        \
    X(1002, MB_D_INVALID_UTF8, ERROR, "a rule file is not valid UTF-8")                          \
    X(1003, MB_D_NUL_BYTE, ERROR, "a NUL byte in a rule file")                                   \
    X(1004, MB_D_BOM_INSIDE, ERROR, "a byte order mark (U+FEFF) after the start of a rule file") \
    X(1005, MB_D_NOT_AN_OPERATOR, ERROR, "'=>', '=<', '==', '≧' or '≦' used as an operator")     \
    X(1006, MB_D_EXPONENT, ERROR, "a number in exponent notation (1e3)")                         \
    X(1007, MB_D_THOUSANDS_SEPARATOR, ERROR, "a number with thousands separators (1,200)")       \
    X(1008, MB_D_MALFORMED_NUMBER, ERROR, "a number that is not well formed (1.2.3)")            \
    X(1009, MB_D_UNTERMINATED_STRING, ERROR, "a string not closed on the line it starts")        \
    X(1010, MB_D_CURLY_QUOTES, ERROR, "curly quotes used to delimit a string")                   \
    X(1011, MB_D_UNEXPECTED_CHARACTER, ERROR, "a character that starts no token")                \
    X(1012, MB_D_STRETCH_NEEDS_GE, ERROR, "'stretch' with an operator other than '>='")          \
    X(1013, MB_D_NOT_A_YEAR, ERROR, "a year that is not four digits from 1900 to 2999")          \
    X(1014, MB_D_NOT_A_DATE, ERROR, "a date that is not a calendar date")                        \
    X(1015, MB_D_GIVEN_TWICE, ERROR, "a clause given twice in one statement")                    \
    X(1016, MB_D_TWO_DIRECTIONS, ERROR, "an indicator given both 'higher' and 'lower'")          \
    X(1017, MB_D_NUMBER_LITERAL, ERROR, "a number in a rule that cannot be held exactly")        \
    X(1018, MB_D_BINDING_AND_EXPECTED, ERROR, "a target given both 'binding' and 'expected'")    \
    X(1019, MB_D_FLOW_AND_STOCK, ERROR, "an indicator given both 'flow' and 'stock'")             \
    X(1020, MB_D_NOT_A_PERIOD, ERROR, "a quarter or month that does not exist (2025Q5, 2025-13)") \
    /* MB2xxx names and structure */                                                             \
    X(2001, MB_D_UNDEFINED_INDICATOR, ERROR, "a target or formula names an unknown indicator")   \
    X(2002, MB_D_DUPLICATE_PLAN, ERROR, "two plans with the same id")                            \
    X(2003, MB_D_PLAN_NO_NAME, ERROR, "a plan without a name")                                   \
    X(2004, MB_D_DUPLICATE_INDICATOR, ERROR, "two indicators with the same id")                  \
    X(2005, MB_D_INDICATOR_NAME_TAKEN, ERROR, "two indicators with the same printed name")       \
    X(2006, MB_D_DUPLICATE_RULE_ID, ERROR, "two targets or checks with the same id")             \
    X(2007, MB_D_INDICATOR_NO_UNIT, ERROR, "an indicator without a unit")                        \
    X(2008, MB_D_INDICATOR_NO_DIRECTION, ERROR, "an indicator without 'higher' or 'lower'")      \
    X(2009, MB_D_INDICATOR_NO_NAME, WARNING, "an indicator without a printed name")              \
    X(2010, MB_D_PART_OF_ITSELF, ERROR, "an indicator declared part of itself")                  \
    X(2011, MB_D_DERIVED_CYCLE, ERROR, "a derived indicator that depends on itself")             \
    X(2012, MB_D_TARGET_NO_PHRASE, WARNING, "a target without the plan's words (phrase)")        \
    X(2013, MB_D_TARGET_NO_DEADLINE, ERROR, "a target without a deadline")                       \
    X(2014, MB_D_MILESTONE_NO_YEAR, ERROR, "a milestone of several without its own year")        \
    X(2015, MB_D_EMPTY_REGION_NAME, ERROR, "an empty region name in a target")                   \
    X(2016, MB_D_REGION_LISTED_TWICE, ERROR, "a region named twice in a target's region list")   \
    /* MB3xxx units and numbers in rules */                                                      \
    X(3001, MB_D_BAD_UNIT, ERROR, "a unit that cannot be read")                                  \
    X(3002, MB_D_UNIT_MISMATCH, ERROR, "a value's unit does not fit its indicator's unit")       \
    X(3003, MB_D_VALUE_NOT_EXACT, ERROR, "a value that cannot be converted exactly")             \
    X(3004, MB_D_NEEDS_PERCENT, ERROR, "a rate or tolerance not written as a percentage")        \
    X(3005, MB_D_PART_OF_UNIT, ERROR, "a part measured in another unit than its whole")          \
    X(3006, MB_D_CHECK_UNITS, ERROR, "a data check comparing indicators in different units")     \
    X(3007, MB_D_FORMULA_ADD_UNITS, ERROR, "a formula adding or subtracting different units")    \
    X(3008, MB_D_FORMULA_SCALE, ERROR, "a formula whose unit scale is too large")                \
    X(3009, MB_D_FORMULA_UNITS_COMPLEX, ERROR, "a formula whose units are too complex")          \
    X(3010, MB_D_FORMULA_POWER_OF_TEN, ERROR, "a formula scaling by the wrong power of ten")     \
    X(3011, MB_D_FORMULA_UNIT, ERROR, "a formula's unit differs from the declared unit")         \
    X(3012, MB_D_FORMULA_PERCENT, ERROR, "a formula × 100 for an indicator not in percent")      \
    X(3013, MB_D_TARGET_ARITHMETIC, ERROR, "a target whose value cannot be computed exactly")    \
    X(3014, MB_D_ZERO_DENOMINATOR, ERROR, "a fraction with a zero denominator (1/0)")             \
    X(3015, MB_D_FRACTION_DIVISOR, ERROR, "a fraction right after '/' in a formula (x / 2/3)")     \
    /* MB4xxx target meaning and contradictions */                                               \
    X(4001, MB_D_TWO_MILESTONES, ERROR, "two milestones for the same year")                      \
    X(4002, MB_D_MILESTONE_DIRECTION, ERROR, "milestones that go against the direction")         \
    X(4003, MB_D_INVERTED_PERIOD, ERROR, "a period that ends before it starts")                  \
    X(4004, MB_D_PERIOD_TOO_SHORT, ERROR, "a period too short for its target")                   \
    X(4005, MB_D_BASE_AFTER_DEADLINE, ERROR, "a base year not before the deadline")              \
    X(4006, MB_D_NEGATIVE_TOLERANCE, ERROR, "a negative tolerance")                              \
    X(4007, MB_D_INVERTED_RANGE, ERROR, "a range whose upper bound is below the lower")          \
    X(4008, MB_D_EMPTY_RANGE, ERROR, "a stretch equal to the requirement")                       \
    X(4009, MB_D_FACTOR_NOT_POSITIVE, ERROR, "a multiple of the base that is not positive")      \
    X(4010, MB_D_CUT_RANGE, ERROR, "a cut not above 0% and at most 100%")                        \
    X(4011, MB_D_NEGATIVE_GROWTH, ERROR, "a growth target with a negative rate")                 \
    X(4012, MB_D_ANNUAL_GROWTH_RANGE, ERROR, "an annual growth rate at or below -100%")          \
    X(4013, MB_D_CONTRADICTORY_TARGETS, ERROR, "two targets that cannot both hold")              \
    X(4014, MB_D_WORDING_STRICTNESS, WARNING, "'>' where the phrase says 达到, '>=' where it says 超过") \
    X(4015, MB_D_GROWTH_BEFORE_BASE, ERROR, "a growth over the previous year before the plan's base year") \
    X(4016, MB_D_GROWTH_RATE_RANGE, ERROR, "a growth over the previous year at or below -100%")  \
    X(4017, MB_D_GROWTH_RATE_NOT_PERCENT, ERROR, "a submitted growth rate on an indicator not in %") \
    X(4018, MB_D_GROWTH_PERIOD_TOO_LONG, ERROR, "a growth over the previous year judged in over 100 years") \
    X(4019, MB_D_POINTS_NOT_PERCENT, ERROR, "a change in percentage points on an indicator not in %") \
    X(4020, MB_D_POINTS_NOT_POSITIVE, ERROR, "a change in percentage points that is not above 0") \
    X(4021, MB_D_PHRASE_ABOUT, WARNING, "the phrase says about (左右), the rule has no tolerance") \
    X(4022, MB_D_PHRASE_NUMBER, WARNING, "a number of the phrase that the rule does not state")  \
    X(4023, MB_D_PHRASE_YEAR, WARNING, "a year of the phrase that is not one of the rule's")     \
    X(4024, MB_D_PHRASE_DIRECTION, WARNING, "the phrase says it falls, the indicator is higher")  \
    X(4025, MB_D_PHRASE_ASPIRATION, WARNING, "an aspiration (力争) without 'aspiration'")         \
    X(4026, MB_D_PRINTED_BASE_NO_BASE, ERROR, "a printed base value on a target that reads no base value") \
    X(4027, MB_D_PRINTED_BASE_YEAR, ERROR, "a printed base value for another year than the target's base") \
    X(4028, MB_D_PRINTED_BASE_REGIONS, ERROR, "a printed base value on a target for more than one region") \
    X(4029, MB_D_SUBYEAR_UNDECLARED, ERROR, "a quarterly or monthly target on an indicator not declared 'flow' or 'stock'") \
    X(4030, MB_D_SUBYEAR_FORM, ERROR, "a quarterly or monthly deadline on a form measured over whole years") \
    X(4031, MB_D_SUBYEAR_HORIZON, WARNING, "a quarter or month outside the plan's years")      \
    /* MB5xxx imports and reading rule files */                                                  \
    X(5001, MB_D_IMPORT_CYCLE, ERROR, "a rule file that imports itself through its imports")     \
    X(5002, MB_D_RULE_FILE_UNREADABLE, ERROR, "a rule file or import that cannot be read")       \
    X(5003, MB_D_RULES_INCOMPLETE, ERROR, "rules not loaded whole are not checked")              \
    X(5004, MB_D_NO_RULES, ERROR, "a rule file with no statement: empty, or only comments")      \
    /* MB6xxx submissions (data files) */                                                        \
    X(6001, MB_D_DATA_UNREADABLE, ERROR, "a data file that cannot be read")                      \
    X(6002, MB_D_DATA_EMPTY, ERROR, "an empty data file")                                        \
    X(6003, MB_D_DATA_BINARY, ERROR, "a binary data file (NUL byte near the start)")             \
    X(6004, MB_D_DATA_INVALID_UTF8, ERROR, "a data file that is not valid UTF-8")                \
    X(6005, MB_D_CSV_NUL, ERROR, "a NUL byte in a CSV field")                                    \
    X(6006, MB_D_CSV_QUOTE, ERROR, "a quote inside an unquoted CSV field")                       \
    X(6007, MB_D_CSV_AFTER_QUOTE, ERROR, "text after the closing quote of a CSV field")          \
    X(6008, MB_D_CSV_UNTERMINATED, ERROR, "a quoted CSV field that is never closed")             \
    X(6009, MB_D_NO_HEADER, ERROR, "a CSV file without a header row")                            \
    X(6010, MB_D_HEADER_UNREADABLE, ERROR, "a header row that could not be read")                \
    X(6011, MB_D_HEADER_TWICE, ERROR, "a header naming a column twice")                          \
    X(6012, MB_D_HEADER_MISSING_COLUMN, ERROR, "a header without a required column")             \
    X(6013, MB_D_ROW_FIELDS, ERROR, "a row with another number of fields than the header")      \
    X(6014, MB_D_EMPTY_INDICATOR, ERROR, "a row with an empty indicator")                        \
    X(6015, MB_D_EMPTY_REGION, ERROR, "a row with an empty region")                              \
    X(6016, MB_D_BAD_PERIOD, ERROR, "a period that is not a year, quarter or month")             \
    X(6017, MB_D_BAD_VALUE, ERROR, "a value that is not a usable decimal number")                \
    X(6018, MB_D_DATA_UNIT, ERROR, "a row's unit that does not fit its indicator")               \
    X(6019, MB_D_CONVERTED_RANGE, ERROR, "a value out of range after unit conversion")           \
    X(6020, MB_D_REGION_BOM, ERROR, "a byte order mark inside a region name")                    \
    X(6021, MB_D_DATA_CHECK_ROW, ERROR, "a value that fails a data check on its own")            \
    X(6022, MB_D_DATA_CHECK, ERROR, "values that fail a data check between indicators")          \
    X(6023, MB_D_DUPLICATE_ROW, WARNING, "the same observation twice, with the same value")      \
    X(6024, MB_D_CONFLICTING_VALUES, ERROR, "the same observation twice, with different values") \
    X(6025, MB_D_INDICATOR_SPACE, WARNING, "an unread indicator differing from a read one only in white space") \
    X(6026, MB_D_REGION_SPACE, WARNING, "an unread region differing from a read one only in white space") \
    X(6027, MB_D_REGIONS_SPACE, WARNING, "two regions differing only in white space")            \
    X(6028, MB_D_JSON_SYNTAX, ERROR, "a JSON file that is not well-formed JSON")                 \
    X(6029, MB_D_JSON_MEMBER_TYPE, ERROR, "a JSON member of the wrong type")                     \
    X(6030, MB_D_JSON_DUPLICATE_MEMBER, ERROR, "a JSON observation naming a member twice")       \
    X(6031, MB_D_JSON_MISSING_MEMBER, ERROR, "a JSON observation without a required member")     \
    X(6032, MB_D_JSON_NOT_OBSERVATION, ERROR, "a JSON array element that is not an object")      \
    X(6033, MB_D_FUTURE_PERIOD, WARNING, "a period past every deadline, not taken as the as-of") \
    X(6034, MB_D_DATA_CHANGED, ERROR, "a data file that changed while it was read")             \
    X(6035, MB_D_DATA_GBK, ERROR, "a data file in GBK/GB18030, not UTF-8")                       \
    X(6036, MB_D_BASE_DIFFERS, WARNING, "a submitted base-year value that differs from the printed one") \
    X(6037, MB_D_PARTS_SUM_DIFFERS, WARNING, "a flow's yearly value that differs from the sum of its quarters or months") \
    /* MB7xxx tests of rules (mubiao test) */                                                   \
    X(7001, MB_D_TEST_UNKNOWN_RULE, ERROR, "a test expects a verdict of a rule not defined")     \
    X(7002, MB_D_TEST_UNKNOWN_STATUS, ERROR, "a test expects a status that does not exist")      \
    X(7003, MB_D_TEST_REGION, ERROR, "a test expects a verdict for a region the rule skips")     \
    X(7004, MB_D_TEST_DEADLINE, ERROR, "an expectation's deadline is not one of the rule's")    \
    X(7005, MB_D_TEST_VALUE_UNIT, ERROR, "an expected value in a unit the indicator's is not")   \
    X(7006, MB_D_TEST_AS_OF, ERROR, "a test's as-of that is not a period")                       \
    X(7007, MB_D_TEST_NOTHING, ERROR, "a test that expects nothing")                             \
    X(7008, MB_D_TEST_NAME_TWICE, ERROR, "two tests of one name")                                \
    X(7009, MB_D_TEST_UNKNOWN_INDICATOR, ERROR, "a test's row names an indicator not defined")   \
    /* MB9xxx limits and resources */                                                            \
    X(9001, MB_D_OUT_OF_MEMORY, ERROR, "memory ran out")                                         \
    X(9002, MB_D_TOO_MANY_ERRORS, NOTE, "too many errors: the rest of a rule file is not read")  \
    X(9003, MB_D_NESTED_TOO_DEEPLY, ERROR, "parentheses or statements nested too deeply")        \
    X(9004, MB_D_RULE_FILE_TOO_LARGE, ERROR, "a rule file over the size limit")                  \
    X(9005, MB_D_NUMBER_TOO_LONG, ERROR, "a number literal over 64 characters")                  \
    X(9006, MB_D_IDENT_TOO_LONG, ERROR, "an identifier over the length limit")                   \
    X(9007, MB_D_STRING_TOO_LONG, ERROR, "a string over the length limit")                       \
    X(9008, MB_D_FORMULA_TOO_DEEP, ERROR, "a formula too long or nested too deeply")             \
    X(9009, MB_D_DERIVED_TOO_DEEP, ERROR, "derived indicators nested too deeply")                \
    X(9010, MB_D_IMPORTS_TOO_DEEP, ERROR, "imports nested too deeply")                           \
    X(9011, MB_D_CSV_FIELD_TOO_LONG, ERROR, "a CSV field over the length limit")                 \
    X(9012, MB_D_CSV_TOO_MANY_FIELDS, ERROR, "a CSV record with too many fields")                \
    X(9013, MB_D_JSON_TOO_DEEP, ERROR, "JSON nested too deeply")                                 \
    X(9014, MB_D_TOO_MANY_REGIONS, ERROR, "too many distinct regions in the data")               \
    X(9015, MB_D_SCANNER_FAILURE, ERROR, "the rule file scanner failed")                         \
    X(9016, MB_D_TOO_MANY_OPERATORS, ERROR, "a rule file with too many formula operators")       \
    X(9017, MB_D_TEST_TOO_LARGE, ERROR, "a test with too many rows and expectations")

/* The identifier's value is the code's number: MB_D_UNIT_MISMATCH == 3002. */
typedef enum {
    MB_D_NONE = 0,
#define MB_D_ENUM_(num, id, sev, summary) id = num,
    MB_DIAG_CODES(MB_D_ENUM_)
#undef MB_D_ENUM_
} mb_code;

#endif
