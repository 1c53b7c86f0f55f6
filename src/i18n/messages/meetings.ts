/** Interface strings of the meetings area, in the four languages side by side. */
export const meetings = {
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
