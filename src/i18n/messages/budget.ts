/** Interface strings of the budget area, in the four languages side by side. */
export const budget = {
  fr: {
    placeholder: "—",
  },
  nl: {
    placeholder: "—",
  },
  de: {
    placeholder: "—",
  },
  en: {
    placeholder: "—",
  },
};
