package io.minisqld.server.sql;

import java.util.List;

/**
 * MySQL 5.7's locales (sql_locale.cc): their names, which {@code lc_messages}, {@code
 * lc_time_names} and FORMAT take, and how FORMAT writes numbers in each.
 */
public final class MysqlLocales {
    /** The names of MySQL 5.7's locales. */
    public static final List<String> NAMES = List.of("ar_AE", "ar_BH", "ar_DZ", "ar_EG", "ar_IN", "ar_IQ", "ar_JO", "ar_KW",
            "ar_LB", "ar_LY", "ar_MA", "ar_OM", "ar_QA", "ar_SA", "ar_SD", "ar_SY", "ar_TN", "ar_YE", "be_BY", "bg_BG",
            "ca_ES", "cs_CZ", "da_DK", "de_AT", "de_BE", "de_CH", "de_DE", "de_LU", "el_GR", "en_AU", "en_CA", "en_GB",
            "en_IN", "en_NZ", "en_PH", "en_US", "en_ZA", "en_ZW", "es_AR", "es_BO", "es_CL", "es_CO", "es_CR", "es_DO",
            "es_EC", "es_ES", "es_GT", "es_HN", "es_MX", "es_NI", "es_PA", "es_PE", "es_PR", "es_PY", "es_SV", "es_US",
            "es_UY", "es_VE", "et_EE", "eu_ES", "fi_FI", "fo_FO", "fr_BE", "fr_CA", "fr_CH", "fr_FR", "fr_LU", "gl_ES",
            "gu_IN", "he_IL", "hi_IN", "hr_HR", "hu_HU", "id_ID", "is_IS", "it_CH", "it_IT", "ja_JP", "ko_KR", "lt_LT",
            "lv_LV", "mk_MK", "mn_MN", "ms_MY", "nb_NO", "nl_BE", "nl_NL", "no_NO", "pl_PL", "pt_BR", "pt_PT", "rm_CH",
            "ro_RO", "ru_RU", "ru_UA", "sk_SK", "sl_SI", "sq_AL", "sr_RS", "sv_FI", "sv_SE", "ta_IN", "te_IN", "th_TH",
            "tr_TR", "uk_UA", "ur_PK", "vi_VN", "zh_CN", "zh_HK", "zh_TW");

    private MysqlLocales() {
    }

    /** A locale name in MySQL's spelling (names are case-insensitive), or the name unchanged. */
    public static String canonical(String name) {
        for (String l : NAMES) {
            if (l.equalsIgnoreCase(name)) return l;
        }
        return name;
    }

    /**
     * How FORMAT(x, d, locale) writes a number in a locale: its thousands separator (none for
     * some), its decimal point, and whether groups after the first three digits have two (en_IN's
     * 12,34,567.89). MySQL's locale data; a locale not named here writes as en_US.
     */
    public record NumberFormat(String thousands, char point, boolean indian) {
    }

    private static final NumberFormat EN = new NumberFormat(",", '.', false);

    private static final java.util.Map<String, NumberFormat> NUMBER_FORMATS = numberFormats();

    private static java.util.Map<String, NumberFormat> numberFormats() {
        java.util.Map<String, NumberFormat> m = new java.util.HashMap<>();
        put(m, new NumberFormat(".", ',', false), "be_BY da_DK de_BE de_DE de_LU es_AR es_BO es_CL es_CO es_EC es_ES"
                + " es_PY es_UY es_VE fo_FO hu_HU id_ID is_IS lt_LT mn_MN nb_NO no_NO ro_RO ru_UA sq_AL tr_TR uk_UA vi_VN");
        put(m, new NumberFormat("", ',', false), "ca_ES de_AT el_GR eu_ES fr_BE fr_CA fr_CH fr_FR fr_LU gl_ES hr_HR"
                + " it_IT nl_BE nl_NL pl_PL pt_BR pt_PT sl_SI");
        put(m, new NumberFormat(" ", ',', false), "cs_CZ es_CR et_EE fi_FI lv_LV mk_MK ru_RU sk_SK sv_FI sv_SE");
        put(m, new NumberFormat(",", '.', true), "en_IN ta_IN te_IN");
        put(m, new NumberFormat("", '.', false), "ar_SA sr_RS");
        put(m, new NumberFormat("'", ',', false), "it_CH rm_CH");
        put(m, new NumberFormat("'", '.', false), "de_CH");
        // bg_BG's thousands separator is a NUL character in MySQL's data
        put(m, new NumberFormat("\0", ',', false), "bg_BG");
        return m;
    }

    private static void put(java.util.Map<String, NumberFormat> m, NumberFormat f, String names) {
        for (String name : names.split(" ")) m.put(name, f);
    }

    /** How FORMAT writes numbers in {@code locale} (any case), or null for a name MySQL does not know. */
    public static NumberFormat numberFormat(String locale) {
        String known = canonical(locale);
        if (!NAMES.contains(known)) return null;
        return NUMBER_FORMATS.getOrDefault(known, EN);
    }

}
