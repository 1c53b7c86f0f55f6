/** Interface strings of the documents area, in the four languages side by side. */
export const documents = {
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
