/** Interface strings of the figures area, in the four languages side by side. */
export const figures = {
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
